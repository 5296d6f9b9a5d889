using System.Net;
using Emulator.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Emulator.Tests.Faults;

public sealed class ThrottlingTests : IAsyncLifetime
{
    private readonly EmulatorFactory _factory = new();
    private HttpClient _client = null!;

    public ValueTask InitializeAsync()
    {
        _factory.Settings["Throttling:Mode"] = "Live";
        _factory.Settings["Throttling:CreateIdentity"] = "3";
        _factory.Settings["Throttling:CreateIdentityWithToken"] = "2";
        _factory.Settings["Throttling:IssueAccessToken"] = "4";
        _client = _factory.CreateSignedClient();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    private async Task<HttpStatusCode> CreateAsync(string body = "{}")
    {
        using var response = await _client.PostJson($"/identities?api-version={Api.V2023}", body);
        return response.StatusCode;
    }

    private async Task<int> IdentityCountAsync()
    {
        using var response = await _factory.CreateClient().GetAsync("/emulator/identities?top=0");
        return (await response.JsonAsync()).GetProperty("count").GetInt32();
    }

    [Fact]
    public async Task Live_BeyondTheLimit_Is429WithRetryAfter_UntilTheWindowSlides()
    {
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Created, await CreateAsync());
            _factory.Time.Advance(TimeSpan.FromSeconds(5));
        }

        // Admitted at 0 s, 5 s and 10 s; now 15 s: the oldest leaves the 30 s window at 30 s.
        using (var throttled = await _client.PostJson($"/identities?api-version={Api.V2023}", "{}"))
        {
            await Api.AssertErrorAsync(throttled, HttpStatusCode.TooManyRequests, "TooManyRequests", "Rate limit exceeded. Retry after 15 seconds.", target: null, reportsVersions: false);
            Assert.Equal("15", throttled.Headers.GetValues("Retry-After").Single());
        }

        Assert.Equal(3, await IdentityCountAsync());
        _factory.Time.Advance(TimeSpan.FromSeconds(14.5));
        using (var stillThrottled = await _client.PostJson($"/identities?api-version={Api.V2023}", "{}"))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, stillThrottled.StatusCode);
            Assert.Equal("1", stillThrottled.Headers.GetValues("Retry-After").Single());
        }

        _factory.Time.Advance(TimeSpan.FromSeconds(0.5));
        Assert.Equal(HttpStatusCode.Created, await CreateAsync());
        Assert.Equal(HttpStatusCode.TooManyRequests, await CreateAsync());
        Assert.Equal(4, await IdentityCountAsync());
    }

    [Fact]
    public async Task Live_EachOperationHasItsOwnWindow_AndCreateWithTokenItsOwnLimit()
    {
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Created, await CreateAsync());
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, await CreateAsync());
        const string withToken = """{"createTokenWithScopes":["chat"]}""";
        Assert.Equal(HttpStatusCode.Created, await CreateAsync(withToken));
        Assert.Equal(HttpStatusCode.Created, await CreateAsync(withToken));
        Assert.Equal(HttpStatusCode.TooManyRequests, await CreateAsync(withToken));

        using var admin = _factory.CreateClient();
        using var list = await admin.GetAsync("/emulator/identities?top=1");
        var id = (await list.JsonAsync()).GetProperty("value")[0].GetProperty("id").GetString()!;
        for (var i = 0; i < 4; i++)
        {
            await _client.IssueTokenAsync(id);
        }

        using var fifth = await _client.PostJson($"{Api.Path(id, "/:issueAccessToken")}?api-version={Api.V2023}", """{"scopes":["chat"]}""");
        Assert.Equal(HttpStatusCode.TooManyRequests, fifth.StatusCode);
        using var revoke = await _client.PostJson($"{Api.Path(id, "/:revokeAccessTokens")}?api-version={Api.V2023}", null);
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
    }

    [Fact]
    public async Task Live_WindowsRunOnRealTime_MovingTheEmulatedClockDoesNotLiftThem()
    {
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Created, await CreateAsync());
        }

        using var admin = _factory.CreateClient();
        using (var advance = await admin.PostJson("/emulator/clock/advance", """{"seconds":3600}"""))
        {
            Assert.Equal(HttpStatusCode.OK, advance.StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, await CreateAsync());
        using (var clear = await admin.DeleteAsync("/emulator/throttling"))
        {
            Assert.Equal(HttpStatusCode.NoContent, clear.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Created, await CreateAsync());
    }

    [Fact]
    public async Task Off_IsTheDefault_AndNeverThrottles()
    {
        await using var factory = new EmulatorFactory();
        factory.Settings["Throttling:CreateIdentity"] = "1";
        using var client = factory.CreateSignedClient();
        for (var i = 0; i < 5; i++)
        {
            using var response = await client.PostJson($"/identities?api-version={Api.V2023}", "{}");
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }
    }

    [Fact]
    public void InvalidSettings_FailTheStart_NamingEveryKey()
    {
        var ex = Assert.Throws<EmulatorConfigurationException>(() => EmulatorApp.Create(
            ["--Server:DataDirectory", "none", "--throttle", "sometimes", "--Throttling:WindowSeconds", "0", "--Throttling:DeleteIdentity", "x"]));
        Assert.Contains("Throttling:Mode 'sometimes' is invalid: use Off or Live", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Throttling:WindowSeconds '0' is invalid", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Throttling:DeleteIdentity 'x' is invalid", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ThrottleFlag_SetsLiveMode()
    {
        var app = EmulatorApp.Create(["--Server:DataDirectory", "none", "--throttle", "live", "--port", "0", "--https-port", "-1"]);
        Assert.True(app.Services.GetRequiredService<Emulator.Throttling.RateLimiter>().Enabled);
        Assert.Equal(500, app.Services.GetRequiredService<Emulator.Throttling.RateLimiter>().LimitOf(Emulator.Throttling.ThrottledOperation.DeleteIdentity));
        Assert.Equal(1000, app.Services.GetRequiredService<Emulator.Throttling.RateLimiter>().LimitOf(Emulator.Throttling.ThrottledOperation.CreateIdentityWithToken));
    }
}
