using System.Net;
using System.Net.Sockets;
using Emulator.TestSupport.Wire;
using Emulator.Testing;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Emulator.ContractTests.Fixture;

/// <summary>The user-facing fixture library itself: ports, keys, reset, clock, injected time, start time.</summary>
public sealed class AcsIdentityEmulatorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StartAsync_SeveralInOneProcess_EachIsReadyOnItsOwnPorts()
    {
        // How long a start takes is a benchmark figure (benchmarks: FixtureStartProbe), not a test assertion.
        using var http = new HttpClient();
        var emulators = new List<AcsIdentityEmulator>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                emulators.Add(await AcsIdentityEmulator.StartAsync(cancellationToken: Ct));
            }

            foreach (var emulator in emulators)
            {
                using var ready = await http.GetAsync(new Uri(emulator.Endpoint, "emulator/health/ready"), Ct);
                Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            }

            Assert.Equal(6, emulators.SelectMany(e => new[] { e.Endpoint, e.HttpsEndpoint! }).Distinct().Count());
        }
        finally
        {
            foreach (var emulator in emulators)
            {
                await emulator.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task StartAsync_WithFixedPorts_ListensOnThem()
    {
        var (http, https) = (FreePort(), FreePort());

        await using var emulator = await AcsIdentityEmulator.StartAsync(new AcsIdentityEmulatorOptions { HttpPort = http, HttpsPort = https }, Ct);

        Assert.Equal(new Uri($"http://localhost:{http}/"), emulator.Endpoint);
        Assert.Equal(new Uri($"https://localhost:{https}/"), emulator.HttpsEndpoint);
        Assert.Equal($"endpoint=https://localhost:{https}/;accesskey={emulator.AccessKey}", emulator.HttpsConnectionString);
    }

    [Fact]
    public async Task StartAsync_WithHttpsOff_HasNoHttpsEndpointOrCertificate()
    {
        await using var emulator = await AcsIdentityEmulator.StartAsync(new AcsIdentityEmulatorOptions { EnableHttps = false }, Ct);

        Assert.Null(emulator.HttpsEndpoint);
        Assert.Null(emulator.HttpsConnectionString);
        Assert.Null(emulator.Certificate);
        Assert.Null(emulator.CertificatePem);
        Assert.StartsWith("http://localhost:", emulator.ConnectionString["endpoint=".Length..], StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_WithAccessKeyAndResourceId_UsesThem()
    {
        var resourceId = Guid.NewGuid().ToString();
        var key = Convert.ToBase64String(Guid.NewGuid().ToByteArray());

        await using var emulator = await AcsIdentityEmulator.StartAsync(new AcsIdentityEmulatorOptions { AccessKey = key, ResourceId = resourceId }, Ct);
        var created = await CreateIdentityAsync(emulator);

        Assert.Equal(key, emulator.AccessKey);
        Assert.Equal(resourceId, emulator.ResourceId);
        Assert.EndsWith($";accesskey={key}", emulator.ConnectionString, StringComparison.Ordinal);
        Assert.StartsWith($"8:acs:{resourceId}_", created, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoEmulators_HaveTheirOwnPortsKeysAndIdentities()
    {
        await using var first = await AcsIdentityEmulator.StartAsync(cancellationToken: Ct);
        await using var second = await AcsIdentityEmulator.StartAsync(cancellationToken: Ct);

        Assert.NotEqual(first.Endpoint, second.Endpoint);
        Assert.NotEqual(first.AccessKey, second.AccessKey);
        var id = await CreateIdentityAsync(first);
        var response = await Client(second).SendAsync(HttpMethod.Post, AcsWireClient.IdentityPath(id, "/:issueAccessToken"), ApiVersion.V2023_10_01, """{"scopes":["chat"]}""", cancellationToken: Ct);
        AcsAssert.Error(response, ExpectedError.NotOwned);
    }

    [Fact]
    public async Task Reset_ForgetsIdentitiesAndTheClockOffset()
    {
        await using var emulator = await AcsIdentityEmulator.StartAsync(cancellationToken: Ct);
        var id = await CreateIdentityAsync(emulator);
        emulator.AdvanceClock(TimeSpan.FromHours(1));

        await emulator.ResetAsync();

        Assert.Equal(TimeSpan.Zero, emulator.ClockOffset);
        var response = await Client(emulator).SendAsync(HttpMethod.Post, AcsWireClient.IdentityPath(id, "/:issueAccessToken"), ApiVersion.V2023_10_01, """{"scopes":["chat"]}""", cancellationToken: Ct);
        AcsAssert.Error(response, ExpectedError.IdentityNotFound);
    }

    [Fact]
    public async Task AdvanceClock_PastATokensLifetime_MakesItExpired()
    {
        await using var emulator = await AcsIdentityEmulator.StartAsync(cancellationToken: Ct);
        var token = await IssueTokenAsync(emulator, await CreateIdentityAsync(emulator), minutes: 60);
        Assert.True(emulator.ValidateToken(token).Valid);

        emulator.AdvanceClock(TimeSpan.FromMinutes(61));

        var result = emulator.ValidateToken(token);
        Assert.False(result.Valid);
        Assert.Equal("Expired", result.Reason.ToString());
        Assert.Equal(TimeSpan.FromMinutes(61), emulator.ClockOffset);
    }

    [Fact]
    public async Task SetClockOffset_IntoThePast_IssuesTokensFromThen()
    {
        await using var emulator = await AcsIdentityEmulator.StartAsync(cancellationToken: Ct);
        emulator.SetClockOffset(TimeSpan.FromMinutes(-59));

        var token = await IssueTokenAsync(emulator, await CreateIdentityAsync(emulator), minutes: 60);

        var jwt = Jwt.Decode(token);
        Assert.InRange(DateTimeOffset.FromUnixTimeSeconds(jwt.Exp) - DateTimeOffset.UtcNow, TimeSpan.FromSeconds(50), TimeSpan.FromSeconds(70));
    }

    [Fact]
    public async Task FakeTimeProvider_DrivesTokenTimesAndSignedRequestsStillPass()
    {
        // Near real time: the caller signs requests with the real clock, and the fixture allows a day of difference.
        var start = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var time = new FakeTimeProvider(start);
        await using var emulator = await AcsIdentityEmulator.StartAsync(new AcsIdentityEmulatorOptions { TimeProvider = time, EnableHttps = false }, Ct);
        var id = await CreateIdentityAsync(emulator);

        var token = await IssueTokenAsync(emulator, id, minutes: 60);
        time.Advance(TimeSpan.FromHours(2));

        Assert.Equal(start.ToUnixTimeSeconds(), Jwt.Decode(token).Iat);
        Assert.Equal(start.AddHours(2), emulator.Now);
        Assert.Equal("Expired", emulator.ValidateToken(token).Reason.ToString());
        // Requests signed with the real clock are still accepted: the fixture widens the date window for injected clocks.
        await IssueTokenAsync(emulator, id, minutes: 60);
    }

    [Fact]
    public async Task StartAsync_WithFakeClockFarFromNow_ServesACertificateValidNow()
    {
        // The HTTPS certificate is shared by the emulators of a process: a test clock must not date it.
        await using var emulator = await AcsIdentityEmulator.StartAsync(new AcsIdentityEmulatorOptions { TimeProvider = new FakeTimeProvider() }, Ct);

        Assert.InRange(DateTime.UtcNow, emulator.Certificate!.NotBefore.ToUniversalTime(), emulator.Certificate.NotAfter.ToUniversalTime());
    }

    [Fact]
    public async Task CreateTrustingHandler_TrustsTheEmulatorCertificate()
    {
        await using var emulator = await AcsIdentityEmulator.StartAsync(cancellationToken: Ct);
        using var http = new HttpClient(emulator.CreateTrustingHandler());

        using var response = await http.GetAsync(new Uri(emulator.HttpsEndpoint!, "/emulator/health/live"), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", emulator.CertificatePem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DisposeAsync_FreesThePorts()
    {
        var port = FreePort();
        var emulator = await AcsIdentityEmulator.StartAsync(new AcsIdentityEmulatorOptions { HttpPort = port, EnableHttps = false }, Ct);

        await emulator.DisposeAsync();
        await emulator.DisposeAsync();

        await using var again = await AcsIdentityEmulator.StartAsync(new AcsIdentityEmulatorOptions { HttpPort = port, EnableHttps = false }, Ct);
        Assert.Equal(port, again.Endpoint.Port);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static AcsWireClient Client(AcsIdentityEmulator emulator) =>
        new(new HttpClient(new HmacSigningHandler(emulator.AccessKey, TimeProvider.System) { InnerHandler = new HttpClientHandler() }) { BaseAddress = emulator.Endpoint });

    private static async Task<string> CreateIdentityAsync(AcsIdentityEmulator emulator)
    {
        var response = await Client(emulator).SendAsync(HttpMethod.Post, "/identities", ApiVersion.V2023_10_01, "{}", cancellationToken: Ct);
        return AcsAssert.Json(response, HttpStatusCode.Created).GetProperty("identity").GetProperty("id").GetString()!;
    }

    private static async Task<string> IssueTokenAsync(AcsIdentityEmulator emulator, string id, int minutes)
    {
        var response = await Client(emulator).SendAsync(HttpMethod.Post, AcsWireClient.IdentityPath(id, "/:issueAccessToken"), ApiVersion.V2023_10_01, $$"""{"scopes":["chat"],"expiresInMinutes":{{minutes}}}""", cancellationToken: Ct);
        return AcsAssert.Json(response, HttpStatusCode.OK).GetProperty("token").GetString()!;
    }
}
