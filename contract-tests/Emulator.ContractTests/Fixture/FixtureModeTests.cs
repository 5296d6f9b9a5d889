using System.Net;
using Emulator.Testing;
using Emulator.TestSupport.Wire;
using Xunit;
using static Emulator.ContractTests.Fixture.FixtureClient;

namespace Emulator.ContractTests.Fixture;

/// <summary>
/// The fixture's members behave the same in both modes: written once, run by a thin subclass per
/// <see cref="AcsIdentityEmulatorMode"/> (create, token, validate, revoke, reset, clock, certificate).
/// </summary>
public abstract class FixtureModeTests
{
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The options of the mode under test (a subclass may skip the test when its mode cannot run here).</summary>
    protected abstract AcsIdentityEmulatorOptions Options();

    [Fact]
    public async Task IssuedToken_Validates_WithItsIdentityScopesAndTimes()
    {
        await using var emulator = await AcsIdentityEmulator.StartAsync(Options(), Ct);
        var id = await CreateIdentityAsync(emulator);
        var before = emulator.Now;

        var token = await IssueTokenAsync(emulator, id, minutes: 60);
        var result = emulator.ValidateToken(token);

        Assert.True(result.Valid, result.ToString());
        Assert.Null(result.Reason);
        Assert.Equal(id, result.Identity);
        Assert.Equal(["chat"], result.Scopes);
        Assert.InRange(result.ExpiresOn!.Value - before, TimeSpan.FromMinutes(59), TimeSpan.FromMinutes(61));
        Assert.StartsWith($"8:acs:{emulator.ResourceId}_", id, StringComparison.Ordinal);
        Assert.Equal(Options().Mode, emulator.Mode);
    }

    [Fact]
    public async Task ValidateToken_AfterRevoke_IsRevoked_AndMalformedTextIsMalformed()
    {
        await using var emulator = await AcsIdentityEmulator.StartAsync(Options(), Ct);
        var id = await CreateIdentityAsync(emulator);
        var token = await IssueTokenAsync(emulator, id);

        await RevokeAsync(emulator, id);

        var revoked = emulator.ValidateToken(token);
        Assert.Equal(TokenRejection.Revoked, revoked.Reason);
        Assert.False(string.IsNullOrEmpty(revoked.Detail));
        Assert.Equal(TokenRejection.Malformed, emulator.ValidateToken("not-a-token").Reason);
        Assert.Equal(TokenRejection.Malformed, emulator.ValidateToken(string.Empty).Reason);
    }

    [Fact]
    public async Task Reset_ForgetsIdentitiesAndTheClockOffset()
    {
        await using var emulator = await AcsIdentityEmulator.StartAsync(Options(), Ct);
        var id = await CreateIdentityAsync(emulator);
        emulator.AdvanceClock(TimeSpan.FromHours(1));
        var syncId = await CreateIdentityAsync(emulator);

        await emulator.ResetAsync();
        Assert.Equal(TimeSpan.Zero, emulator.ClockOffset);
        AcsAssert.Error(await IssueAsync(emulator, id), ExpectedError.IdentityNotFound);

        var later = await CreateIdentityAsync(emulator);
        emulator.Reset();
        AcsAssert.Error(await IssueAsync(emulator, later), ExpectedError.IdentityNotFound);
        AcsAssert.Error(await IssueAsync(emulator, syncId), ExpectedError.IdentityNotFound);
    }

    [Fact]
    public async Task AdvanceClock_PastATokensLifetime_MakesItExpired()
    {
        await using var emulator = await AcsIdentityEmulator.StartAsync(Options(), Ct);
        var token = await IssueTokenAsync(emulator, await CreateIdentityAsync(emulator), minutes: 60);
        var before = emulator.Now;

        emulator.AdvanceClock(TimeSpan.FromMinutes(61));

        Assert.Equal(TokenRejection.Expired, emulator.ValidateToken(token).Reason);
        Assert.Equal(TimeSpan.FromMinutes(61), emulator.ClockOffset);
        Assert.InRange(emulator.Now - before, TimeSpan.FromMinutes(61), TimeSpan.FromMinutes(62));
        Assert.Throws<ArgumentOutOfRangeException>(() => emulator.AdvanceClock(TimeSpan.FromSeconds(-1)));
    }

    [Fact]
    public async Task SetClockOffset_IntoThePast_IssuesTokensFromThen()
    {
        await using var emulator = await AcsIdentityEmulator.StartAsync(Options(), Ct);
        emulator.SetClockOffset(TimeSpan.FromMinutes(-59));

        var token = await IssueTokenAsync(emulator, await CreateIdentityAsync(emulator), minutes: 60);

        Assert.Equal(TimeSpan.FromMinutes(-59), emulator.ClockOffset);
        Assert.InRange(DateTimeOffset.FromUnixTimeSeconds(Jwt.Decode(token).Exp) - DateTimeOffset.UtcNow, TimeSpan.FromSeconds(50), TimeSpan.FromSeconds(70));
    }

    [Fact]
    public async Task Https_WithTheTrustingHandler_ServesTheCertificateItReports()
    {
        await using var emulator = await AcsIdentityEmulator.StartAsync(Options(), Ct);
        using var http = new HttpClient(emulator.CreateTrustingHandler());

        using var response = await http.GetAsync(new Uri(emulator.HttpsEndpoint!, "/emulator/health/live"), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", emulator.CertificatePem, StringComparison.Ordinal);
        Assert.Equal($"endpoint={emulator.HttpsEndpoint};accesskey={emulator.AccessKey}", emulator.HttpsConnectionString);
        Assert.NotEqual(emulator.Endpoint.Port, emulator.HttpsEndpoint!.Port);
    }

    [Fact]
    public async Task HttpsOff_HasNoHttpsEndpointOrCertificate()
    {
        var options = Options();
        options.EnableHttps = false;
        await using var emulator = await AcsIdentityEmulator.StartAsync(options, Ct);

        Assert.Null(emulator.HttpsEndpoint);
        Assert.Null(emulator.HttpsConnectionString);
        Assert.Null(emulator.Certificate);
        Assert.Null(emulator.CertificatePem);
        Assert.Equal($"endpoint={emulator.Endpoint};accesskey={emulator.AccessKey}", emulator.ConnectionString);
    }

    [Fact]
    public async Task AccessKeyAndResourceId_FromTheOptions_AreUsed()
    {
        var options = Options();
        options.ResourceId = Guid.NewGuid().ToString();
        options.AccessKey = Convert.ToBase64String(Guid.NewGuid().ToByteArray());
        await using var emulator = await AcsIdentityEmulator.StartAsync(options, Ct);

        var id = await CreateIdentityAsync(emulator);

        Assert.Equal(options.AccessKey, emulator.AccessKey);
        Assert.Equal(options.ResourceId, emulator.ResourceId);
        Assert.StartsWith($"8:acs:{options.ResourceId}_", id, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidSettings_AreAllReported()
    {
        var options = Options();
        options.Settings["Server:MaxRequestBodyBytes"] = "12";
        options.Settings["Resource:Location"] = "atlantis";

        var ex = await Assert.ThrowsAnyAsync<Exception>(() => AcsIdentityEmulator.StartAsync(options, Ct));

        Assert.Equal("EmulatorConfigurationException", ex.GetType().Name);
        Assert.Contains("Server:MaxRequestBodyBytes", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Resource:Location 'atlantis'", ex.Message, StringComparison.Ordinal);
    }
}

/// <summary><see cref="FixtureModeTests"/> in the test process.</summary>
public sealed class InProcessFixtureModeTests : FixtureModeTests
{
    protected override AcsIdentityEmulatorOptions Options() => new();
}

/// <summary><see cref="FixtureModeTests"/> with the Native AOT binary that <c>ACS_IDENTITY_EMULATOR_EXECUTABLE</c> names (scripts/test.sh sets it).</summary>
public sealed class NativeProcessFixtureModeTests : FixtureModeTests
{
    protected override AcsIdentityEmulatorOptions Options() => NativeBinary.Options();
}
