using System.Net;
using System.Text.Json;
using Emulator.Hosting;

namespace Emulator.Tests.Faults;

public sealed class FaultInjectionTests : IAsyncLifetime
{
    private readonly EmulatorFactory _factory = new();
    private HttpClient _client = null!;
    private HttpClient _admin = null!;

    public ValueTask InitializeAsync()
    {
        _client = _factory.CreateSignedClient();
        _admin = _factory.CreateClient();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    private async Task<JsonElement> AddRuleAsync(string json)
    {
        using var response = await _admin.PostJson("/emulator/faults", json);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    private async Task<JsonElement> RuleAsync(string id)
    {
        using var response = await _admin.GetAsync($"/emulator/faults/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    private async Task<int> IdentityCountAsync()
    {
        using var response = await _admin.GetAsync("/emulator/identities?top=0");
        return (await response.JsonAsync()).GetProperty("count").GetInt32();
    }

    private Task<HttpResponseMessage> CreateAsync(string version = Api.V2023) => _client.PostJson($"/identities?api-version={version}", "{}");

    [Fact]
    public async Task ReadmeExample_NextCreateGets503WithAcsBody_TheOneAfterSucceeds_AndNothingIsCreatedByTheFault()
    {
        var rule = await AddRuleAsync("""{"match":{"method":"POST","path":"/identities"},"respond":{"status":503},"times":1}""");
        Assert.Equal("fault-1", rule.GetProperty("id").GetString());

        using (var faulted = await CreateAsync())
        {
            await Api.AssertErrorAsync(faulted, HttpStatusCode.ServiceUnavailable, "ServiceUnavailable",
                "Service Unavailable (injected by the emulator's fault rule 'fault-1').", target: null, reportsVersions: false);
            Assert.True(faulted.Headers.Contains("MS-CV"), "a faulted answer still carries the service headers");
        }

        Assert.Equal(0, await IdentityCountAsync());
        using (var next = await CreateAsync())
        {
            Assert.Equal(HttpStatusCode.Created, next.StatusCode);
        }

        Assert.Equal(1, await IdentityCountAsync());
        var seen = await RuleAsync("fault-1");
        Assert.Equal(2, seen.GetProperty("matched").GetInt64());
        Assert.Equal(1, seen.GetProperty("fired").GetInt64());
        Assert.Equal(0, seen.GetProperty("remaining").GetInt64());
    }

    [Fact]
    public async Task Respond_WithCodeMessageAndHeaders_AnswersThem()
    {
        await AddRuleAsync("""{"match":{"path":"/identities"},"respond":{"status":429,"code":"TooManyRequests","message":"Slow down.","headers":{"Retry-After":"7","x-custom":"a b"}}}""");
        using var response = await CreateAsync();
        await Api.AssertErrorAsync(response, HttpStatusCode.TooManyRequests, "TooManyRequests", "Slow down.", target: null, reportsVersions: false);
        Assert.Equal("7", response.Headers.GetValues("Retry-After").Single());
        Assert.Equal("a b", response.Headers.GetValues("x-custom").Single());
    }

    [Fact]
    public async Task Match_ByOperationAndIdentity_FaultsOnlyThatIdentitysIssue()
    {
        var one = await _client.CreateIdentityAsync();
        var two = await _client.CreateIdentityAsync();
        await AddRuleAsync($$$"""{"match":{"operation":"IssueAccessToken","identity":"{{{one}}}"},"respond":{"status":500}}""");

        using (var faulted = await _client.PostJson($"{Api.Path(one, "/:issueAccessToken")}?api-version={Api.V2023}", """{"scopes":["chat"]}"""))
        {
            Assert.Equal(HttpStatusCode.InternalServerError, faulted.StatusCode);
            Assert.Equal("InternalServerError", (await faulted.JsonAsync()).GetProperty("error").GetProperty("code").GetString());
        }

        await _client.IssueTokenAsync(two);
        using var revoke = await _client.PostJson($"{Api.Path(one, "/:revokeAccessTokens")}?api-version={Api.V2023}", null);
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
    }

    [Theory]
    [InlineData("""{"match":{"apiVersion":"2021-03-07"},"respond":{"status":502}}""", "2021-03-07", HttpStatusCode.BadGateway)]
    [InlineData("""{"match":{"apiVersion":"2021-03-07"},"respond":{"status":502}}""", Api.V2023, HttpStatusCode.Created)]
    [InlineData("""{"match":{"path":"/IDENTITIES/"},"respond":{"status":504}}""", Api.V2023, HttpStatusCode.GatewayTimeout)]
    [InlineData("""{"match":{"path":"/identities/*"},"respond":{"status":504}}""", Api.V2023, HttpStatusCode.Created)]
    [InlineData("""{"match":{"path":"/**"},"respond":{"status":504}}""", Api.V2023, HttpStatusCode.GatewayTimeout)]
    [InlineData("""{"match":{"method":"DELETE"},"respond":{"status":500}}""", Api.V2023, HttpStatusCode.Created)]
    [InlineData("""{"match":{"operation":"CreateIdentity"},"respond":{"status":500}}""", "2021-03-07", HttpStatusCode.InternalServerError)]
    [InlineData("""{"match":{"operation":"DeleteIdentity"},"respond":{"status":500}}""", Api.V2023, HttpStatusCode.Created)]
    public async Task Match_ApiVersionPathMethodOperation_DecideWhetherACreateIsFaulted(string rule, string version, HttpStatusCode expected)
    {
        await AddRuleAsync(rule);
        using var response = await CreateAsync(version);
        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Match_PathWildcard_MatchesOneSegment()
    {
        var id = await _client.CreateIdentityAsync();
        await AddRuleAsync("""{"match":{"path":"/identities/*/:issueAccessToken"},"respond":{"status":503}}""");
        using var issue = await _client.PostJson($"{Api.Path(id, "/:issueAccessToken")}?api-version={Api.V2023}", """{"scopes":["chat"]}""");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, issue.StatusCode);
        using var create = await CreateAsync();
        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
    }

    [Fact]
    public async Task Times_FiresForExactlyTheNextNRequests_UnderConcurrency()
    {
        await AddRuleAsync("""{"id":"five","match":{"path":"/identities"},"respond":{"status":503},"times":5}""");
        var responses = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => CreateAsync()));
        Assert.Equal(5, responses.Count(r => r.StatusCode == HttpStatusCode.ServiceUnavailable));
        Assert.Equal(19, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(19, await IdentityCountAsync());
        var seen = await RuleAsync("five");
        Assert.Equal(24, seen.GetProperty("matched").GetInt64());
        Assert.Equal(5, seen.GetProperty("fired").GetInt64());
        foreach (var r in responses)
        {
            r.Dispose();
        }
    }

    [Fact]
    public async Task Probability_WithTheSameSeed_FaultsTheSameRequests()
    {
        async Task<string> RunAsync()
        {
            await AddRuleAsync("""{"id":"coin","match":{"path":"/identities"},"respond":{"status":503},"probability":0.5,"seed":1234}""");
            var outcomes = new List<char>();
            for (var i = 0; i < 40; i++)
            {
                using var response = await CreateAsync();
                outcomes.Add(response.StatusCode == HttpStatusCode.ServiceUnavailable ? 'F' : '.');
            }

            using var delete = await _admin.DeleteAsync("/emulator/faults/coin");
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
            return new string([.. outcomes]);
        }

        var first = await RunAsync();
        var second = await RunAsync();
        Assert.Equal(first, second);
        Assert.InRange(first.Count(c => c == 'F'), 8, 32); // a coin, not always or never
    }

    [Fact]
    public async Task Probability_WithoutSeed_ReportsThePickedSeed()
    {
        var rule = await AddRuleAsync("""{"match":{"path":"/identities"},"respond":{"status":503},"probability":0.25}""");
        Assert.Equal(JsonValueKind.Number, rule.GetProperty("seed").ValueKind);
    }

    [Fact]
    public async Task Delay_WaitsOnTheInjectedClock_ThenLetsTheRequestThrough()
    {
        await AddRuleAsync("""{"match":{"path":"/identities"},"delayMs":2000,"times":1}""");
        var pending = CreateAsync();
        await Task.Delay(200, TestContext.Current.CancellationToken);
        Assert.False(pending.IsCompleted, "the request waits for the injected delay");
        Assert.Equal(0, await IdentityCountAsync());
        _factory.Time.Advance(TimeSpan.FromMilliseconds(1999));
        await Task.Delay(100, TestContext.Current.CancellationToken);
        Assert.False(pending.IsCompleted, "not before the delay is over");
        _factory.Time.Advance(TimeSpan.FromMilliseconds(1));
        using var response = await pending.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(1, await IdentityCountAsync());
    }

    [Fact]
    public async Task DelayThenRespond_AnswersTheStatusAfterTheDelay()
    {
        await AddRuleAsync("""{"match":{"path":"/identities"},"delayMs":500,"respond":{"status":503}}""");
        var pending = CreateAsync();
        await Task.Delay(100, TestContext.Current.CancellationToken);
        Assert.False(pending.IsCompleted);
        _factory.Time.Advance(TimeSpan.FromMilliseconds(500));
        using var response = await pending.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Fact]
    public async Task Abort_ResetsTheConnection_AndChangesNothing()
    {
        await AddRuleAsync("""{"match":{"method":"POST","path":"/identities"},"abort":true,"times":1}""");
        await Assert.ThrowsAnyAsync<Exception>(() => CreateAsync());
        Assert.Equal(0, await IdentityCountAsync());
        using var next = await CreateAsync();
        Assert.Equal(HttpStatusCode.Created, next.StatusCode);
    }

    [Fact]
    public async Task Faults_RunAfterAuthentication_AndNeverOnTheEmulatorsOwnEndpoints()
    {
        await AddRuleAsync("""{"match":{"path":"/**"},"respond":{"status":503}}""");
        using var unsigned = await _admin.PostJson($"/identities?api-version={Api.V2023}", "{}");
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        using var info = await _admin.GetAsync("/emulator/info");
        Assert.Equal(HttpStatusCode.OK, info.StatusCode);
        using var signed = await CreateAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, signed.StatusCode);
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("[]", "must be a JSON object")]
    [InlineData("""{"match":{"method":"POST"}}""", "must do something")]
    [InlineData("""{"respond":{"status":200}}""", "respond.status must be an integer from 400 to 599")]
    [InlineData("""{"respond":{}}""", "respond.status is required")]
    [InlineData("""{"respond":{"status":"503"}}""", "respond.status must be an integer")]
    [InlineData("""{"respond":{"status":503},"abort":true}""", "not both")]
    [InlineData("""{"respond":{"status":503},"times":0}""", "times must be an integer from 1")]
    [InlineData("""{"respond":{"status":503},"probability":1.5}""", "probability 1.5 is invalid")]
    [InlineData("""{"delayMs":600001}""", "delayMs must be an integer from 0 to 600000")]
    [InlineData("""{"match":{"operation":"Nope"},"abort":true}""", "match.operation 'Nope' is invalid")]
    [InlineData("""{"match":{"method":"FETCH"},"abort":true}""", "match.method 'FETCH' is invalid")]
    [InlineData("""{"match":{"path":"identities"},"abort":true}""", "must start with '/'")]
    [InlineData("""{"match":{"methd":"POST"},"abort":true}""", "match.methd is not a fault rule member")]
    [InlineData("""{"id":"a b","abort":true}""", "id 'a b' is invalid")]
    [InlineData("""{"respond":{"status":503,"headers":{"Retry-After":["1"]}}}""", "respond.headers.Retry-After must be a string")]
    public async Task BadRuleBodies_Are400_NamingTheProblem_AndAddNothing(string body, string expected)
    {
        using var response = await _admin.PostJson("/emulator/faults", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, text, StringComparison.Ordinal);
        using var list = await _admin.GetAsync("/emulator/faults");
        Assert.Equal(0, (await list.JsonAsync()).GetProperty("rules").GetArrayLength());
    }

    [Fact]
    public async Task List_DeleteOne_DeleteAll_AndDuplicateIds()
    {
        await AddRuleAsync("""{"id":"a","respond":{"status":500}}""");
        await AddRuleAsync("""{"id":"b","respond":{"status":500}}""");
        using (var duplicate = await _admin.PostJson("/emulator/faults", """{"id":"a","abort":true}"""))
        {
            Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        }

        using (var deleteA = await _admin.DeleteAsync("/emulator/faults/a"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleteA.StatusCode);
        }

        using (var again = await _admin.DeleteAsync("/emulator/faults/a"))
        {
            Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        }

        using (var list = await _admin.GetAsync("/emulator/faults"))
        {
            var rules = (await list.JsonAsync()).GetProperty("rules");
            Assert.Equal(["b"], rules.EnumerateArray().Select(r => r.GetProperty("id").GetString()));
        }

        using (var all = await _admin.DeleteAsync("/emulator/faults"))
        {
            Assert.Equal(HttpStatusCode.NoContent, all.StatusCode);
        }

        using var create = await CreateAsync();
        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
    }

    [Fact]
    public async Task RulesFromConfiguration_ApplyFromTheStart()
    {
        await using var factory = new EmulatorFactory();
        factory.Settings["Faults:Rules:0:Id"] = "from-config";
        factory.Settings["Faults:Rules:0:Match:Method"] = "post";
        factory.Settings["Faults:Rules:0:Match:Path"] = "/identities";
        factory.Settings["Faults:Rules:0:Respond:Status"] = "503";
        factory.Settings["Faults:Rules:0:Respond:Headers:Retry-After"] = "3";
        factory.Settings["Faults:Rules:0:Times"] = "2";
        using var client = factory.CreateSignedClient();
        for (var i = 0; i < 2; i++)
        {
            using var faulted = await client.PostJson($"/identities?api-version={Api.V2023}", "{}");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, faulted.StatusCode);
            Assert.Equal("3", faulted.Headers.GetValues("Retry-After").Single());
        }

        using var created = await client.PostJson($"/identities?api-version={Api.V2023}", "{}");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    [Fact]
    public void RulesFromConfiguration_Invalid_FailTheStart_NamingTheKey()
    {
        var ex = Assert.Throws<EmulatorConfigurationException>(() => EmulatorApp.Create(
            ["--Server:DataDirectory", "none", "--Faults:Rules:0:Respond:Status", "99", "--Faults:Rules:1:Delay", "5"]));
        Assert.Contains("Faults:Rules:0: respond.status must be an integer from 400 to 599", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Faults:Rules:1: Delay is not a fault rule member", ex.Message, StringComparison.Ordinal);
    }
}
