using Emulator.Testing;
using Xunit;

namespace XunitFixtureSample;

/// <summary>
/// One emulator for the class (<see cref="IClassFixture{TFixture}"/>), reset before each test so that every test
/// starts from an empty resource with the clock at real time.
/// </summary>
public sealed class ChatTokenServiceTests(AcsIdentityEmulatorFixture fixture) : IClassFixture<AcsIdentityEmulatorFixture>, IAsyncLifetime, IDisposable
{
    private readonly ChatTokenService _service = new(fixture.ConnectionString);

    public ValueTask InitializeAsync() => fixture.Emulator.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public void Dispose() => _service.Dispose();

    [Fact]
    public async Task CreateUser_ReturnsAChatTokenTheServiceAccepts()
    {
        var user = await _service.CreateUserAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.StartsWith($"8:acs:{fixture.Emulator.ResourceId}_", user.Id, StringComparison.Ordinal);
        var validation = fixture.Emulator.ValidateToken(user.Token);
        Assert.True(validation.Valid);
        Assert.Equal(["chat"], validation.Scopes ?? []);
    }

    [Fact]
    public async Task CreateUser_ForAnHour_ExpiresAnHourFromNow()
    {
        var user = await _service.CreateUserAsync(minutes: 60, TestContext.Current.CancellationToken);

        Assert.InRange(user.ExpiresOn - fixture.Emulator.Now, TimeSpan.FromMinutes(59), TimeSpan.FromMinutes(60));
    }

    [Fact]
    public async Task Revoke_MakesEarlierTokensInvalid()
    {
        var user = await _service.CreateUserAsync(cancellationToken: TestContext.Current.CancellationToken);

        await _service.RevokeAsync(user.Id, TestContext.Current.CancellationToken);

        Assert.False(fixture.Emulator.ValidateToken(user.Token).Valid);
    }

    [Fact]
    public async Task Token_AfterItsLifetime_IsExpired()
    {
        var user = await _service.CreateUserAsync(minutes: 60, TestContext.Current.CancellationToken);

        // Moves the emulated clock only; no waiting, and signed requests keep working.
        fixture.Emulator.AdvanceClock(TimeSpan.FromMinutes(61));

        Assert.Equal("Expired", fixture.Emulator.ValidateToken(user.Token).Reason?.ToString());
    }

    [Fact]
    public async Task CreateUser_OverHttps_TrustingTheEmulatorCertificate()
    {
        using var service = new ChatTokenService(fixture.HttpsConnectionString!, fixture.Emulator.CreateTrustingHandler());

        var user = await service.CreateUserAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(fixture.Emulator.ValidateToken(user.Token).Valid);
    }
}
