using Xunit;

namespace XunitFixtureSample;

/// <summary>Token lifetimes against an injected <c>FakeTimeProvider</c>.</summary>
public sealed class FakeClockTests(FakeClockEmulatorFixture fixture) : IClassFixture<FakeClockEmulatorFixture>, IDisposable
{
    private readonly ChatTokenService _service = new(fixture.ConnectionString);

    public void Dispose() => _service.Dispose();

    [Fact]
    public async Task Token_ExpiresWhenTheFakeClockPassesItsLifetime()
    {
        var user = await _service.CreateUserAsync(minutes: 60, TestContext.Current.CancellationToken);
        Assert.Equal(fixture.Time.GetUtcNow().AddMinutes(60), user.ExpiresOn, TimeSpan.FromSeconds(1));

        fixture.Time.Advance(TimeSpan.FromMinutes(59));
        Assert.True(fixture.Emulator.ValidateToken(user.Token).Valid);

        fixture.Time.Advance(TimeSpan.FromMinutes(2));
        Assert.False(fixture.Emulator.ValidateToken(user.Token).Valid);
    }
}
