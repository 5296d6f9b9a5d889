using System.Net;
using System.Text;
using System.Text.Json;
using Emulator.Journal;
using Microsoft.Extensions.Configuration;

namespace Emulator.Tests;

/// <summary>The request journal behind /emulator/requests: what it records, its filters, its bounds, what it never holds.</summary>
public sealed class RequestJournalTests
{
    private static async Task<JsonElement[]> JournalAsync(HttpClient client, string query = "")
    {
        using var response = await client.GetAsync("/emulator/requests" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await response.JsonAsync()).GetProperty("requests").EnumerateArray()];
    }

    [Fact]
    public async Task Requests_AreRecordedNewestFirst_WithOperationVersionsIdentityAndAuthentication()
    {
        using var factory = new EmulatorFactory();
        var client = factory.CreateSignedClient();
        var id = await client.CreateIdentityAsync();
        using var issue = new HttpRequestMessage(HttpMethod.Post, $"{Api.Path(id, "/:issueAccessToken")}?api-version={Api.V2023}")
        {
            Content = new StringContent("{\"scopes\":[\"chat\"]}", Encoding.UTF8, "application/json"),
        };
        issue.Headers.Add("x-ms-client-request-id", "journal-test-1");
        issue.Headers.UserAgent.ParseAdd("azsdk-net-Communication.Identity/1.3.1");
        using var issued = await client.SendAsync(issue);

        var entries = await JournalAsync(client);

        Assert.Equal(2, entries.Length);
        var newest = entries[0];
        Assert.Equal("POST", newest.GetProperty("method").GetString());
        Assert.Equal($"/identities/{id}/:issueAccessToken", newest.GetProperty("path").GetString());
        Assert.Equal($"?api-version={Api.V2023}", newest.GetProperty("query").GetString());
        Assert.Equal(Api.V2023, newest.GetProperty("apiVersion").GetString());
        Assert.Equal(Api.V2023, newest.GetProperty("servedApiVersion").GetString());
        Assert.Equal("IssueAccessToken", newest.GetProperty("operation").GetString());
        Assert.Equal(id, newest.GetProperty("identity").GetString());
        Assert.Equal(200, newest.GetProperty("status").GetInt32());
        Assert.Equal("journal-test-1", newest.GetProperty("clientRequestId").GetString());
        Assert.Equal("azsdk-net-Communication.Identity/1.3.1", newest.GetProperty("userAgent").GetString());
        Assert.Equal("HMAC-SHA256", newest.GetProperty("authScheme").GetString());
        Assert.Equal("accepted", newest.GetProperty("authOutcome").GetString());
        Assert.False(newest.TryGetProperty("reason", out _));
        Assert.True(newest.GetProperty("sequence").GetInt64() > entries[1].GetProperty("sequence").GetInt64());
        Assert.Equal("CreateIdentity", entries[1].GetProperty("operation").GetString());
        Assert.Equal(201, entries[1].GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task FaultedRequest_IsMarkedWithItsRule_AndTheRequestAfterItIsNot()
    {
        using var factory = new EmulatorFactory();
        var client = factory.CreateSignedClient();
        using (var rule = await client.PostJson("/emulator/faults", """{"id":"outage","match":{"method":"POST","path":"/identities"},"respond":{"status":503},"times":1}"""))
        {
            Assert.Equal(HttpStatusCode.Created, rule.StatusCode);
        }

        using (var faulted = await client.PostJson($"/identities?api-version={Api.V2023}", "{}"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, faulted.StatusCode);
        }

        await client.CreateIdentityAsync();

        var entries = await JournalAsync(client, "?method=POST&operation=CreateIdentity");
        Assert.Equal(2, entries.Length);
        Assert.Equal(201, entries[0].GetProperty("status").GetInt32());
        Assert.False(entries[0].TryGetProperty("fault", out _));
        Assert.Equal(503, entries[1].GetProperty("status").GetInt32());
        Assert.Equal("outage: respond", entries[1].GetProperty("fault").GetString());
        Assert.Contains("fault rule 'outage'", entries[1].GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Journal_NeverHoldsTheKeyTheSignatureOrTheToken()
    {
        using var factory = new EmulatorFactory();
        string? authorization = null;
        var handler = new HmacSigningHandler(EmulatorFactory.AccessKey, factory.Time, HmacSigner.DateHeader)
        {
            Tamper = request =>
            {
                authorization ??= request.Headers.GetValues("Authorization").Single();
                return Task.CompletedTask;
            },
        };
        var client = factory.CreateDefaultClient(handler);
        var id = await client.CreateIdentityAsync();
        var token = await client.IssueTokenAsync(id);
        await client.ValidateAsync(token);
        using var bearer = new HttpRequestMessage(HttpMethod.Post, $"/identities?api-version={Api.V2023}");
        bearer.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        using var refused = await factory.CreateClient().SendAsync(bearer);

        var text = await client.GetStringAsync("/emulator/requests");

        var signature = authorization!.Split("Signature=")[1];
        Assert.DoesNotContain(EmulatorFactory.AccessKey, text, StringComparison.Ordinal);
        Assert.DoesNotContain(signature, text, StringComparison.Ordinal);
        Assert.DoesNotContain(token, text, StringComparison.Ordinal);
        Assert.DoesNotContain(token.Split('.')[2], text, StringComparison.Ordinal);
        Assert.Equal(4, JsonDocument.Parse(text).RootElement.GetProperty("requests").GetArrayLength());
    }

    [Fact]
    public async Task Filters_SelectByMethodStatusOperationIdentityAndSince_AndLimitCaps()
    {
        using var factory = new EmulatorFactory();
        var client = factory.CreateSignedClient();
        var first = await client.CreateIdentityAsync();
        factory.Time.Advance(TimeSpan.FromMinutes(1));
        var second = await client.CreateIdentityAsync();
        await client.IssueTokenAsync(second);
        using var missing = await client.GetAsync($"{Api.Path(first)}?api-version=1999-01-01");

        Assert.Equal(3, (await JournalAsync(client, "?method=post")).Length);
        Assert.Single(await JournalAsync(client, "?method=GET"));
        Assert.Single(await JournalAsync(client, "?status=4xx"));
        Assert.Equal(2, (await JournalAsync(client, "?status=201")).Length);
        Assert.Single(await JournalAsync(client, "?operation=issue"));
        Assert.Equal("IssueAccessToken", Assert.Single(await JournalAsync(client, $"?identity={Uri.EscapeDataString(second)}")).GetProperty("operation").GetString());
        Assert.Equal("GET", Assert.Single(await JournalAsync(client, $"?identity={Uri.EscapeDataString(first)}")).GetProperty("method").GetString());
        Assert.Equal(3, (await JournalAsync(client, "?since=2026-03-02T09:31:00Z")).Length);
        var limited = await JournalAsync(client, "?limit=2");
        Assert.Equal(2, limited.Length);
        Assert.Equal("GET", limited[0].GetProperty("method").GetString());
    }

    [Fact]
    public async Task InvalidFilters_Are400_NamingEveryProblem()
    {
        using var factory = new EmulatorFactory();
        var client = factory.CreateClient();

        using var response = await client.GetAsync("/emulator/requests?limit=0&status=4x&since=yesterday");
        var detail = (await response.JsonAsync()).GetProperty("detail").GetString()!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("limit must be", detail, StringComparison.Ordinal);
        Assert.Contains("status must be", detail, StringComparison.Ordinal);
        Assert.Contains("since must be", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ring_KeepsTheLastCapacityRequests_DeleteForgetsThem_ZeroTurnsItOff()
    {
        using var factory = new EmulatorFactory();
        factory.Settings["Journal:Capacity"] = "3";
        var client = factory.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            using var _ = await client.GetAsync($"/emulator/health/live?n={i}");
        }

        using var full = await client.GetAsync("/emulator/requests");
        var list = await full.JsonAsync();
        using var cleared = await client.DeleteAsync("/emulator/requests");
        var afterClear = await JournalAsync(client);

        Assert.Equal(["?n=4", "?n=3", "?n=2"], list.GetProperty("requests").EnumerateArray().Select(e => e.GetProperty("query").GetString()));
        Assert.Equal(3, list.GetProperty("capacity").GetInt32());
        Assert.Equal(5, list.GetProperty("recorded").GetInt64());
        Assert.Equal(HttpStatusCode.NoContent, cleared.StatusCode);
        Assert.Empty(afterClear);

        using var off = new EmulatorFactory();
        off.Settings["Journal:Capacity"] = "0";
        var offClient = off.CreateSignedClient();
        await offClient.CreateIdentityAsync();
        using var offList = await offClient.GetAsync("/emulator/requests");
        var offJson = await offList.JsonAsync();
        Assert.Equal(0, offJson.GetProperty("capacity").GetInt32());
        Assert.Equal(0, offJson.GetProperty("requests").GetArrayLength());
    }

    [Fact]
    public void Ring_UnderConcurrentWriters_ReturnsTheNewestEntriesOnceEach()
    {
        var journal = new RequestJournal(64);
        Parallel.For(0, 4000, new ParallelOptions { MaxDegreeOfParallelism = 4 }, _ =>
            journal.Add(new RequestJournalEntry(journal.NextSequence(), default, "GET", "/", null, null, null, null, null, 200, null, null, 0, null, null, null, "none", null)));

        var entries = journal.Read(_ => true, 1000);

        Assert.Equal(64, entries.Count);
        Assert.Equal(Enumerable.Range(0, 64).Select(i => 4000L - i), entries.Select(e => e.Sequence));
        Assert.Equal(4000, journal.Recorded);
        journal.Clear();
        Assert.Empty(journal.Read(_ => true, 1000));
        Assert.Equal(0, journal.Recorded);
    }

    [Fact]
    public void Settings_InvalidCapacityAndAccessLog_AreBothReported()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Journal:Capacity"] = "-1", ["Logging:AccessLog"] = "Loud" })
            .Build();

        var errors = JournalSettings.Validate(configuration);

        Assert.Equal(
            ["Journal:Capacity: '-1' is not a whole number from 0 (off) to 1000000.", "Logging:AccessLog: 'Loud' is not one of Off, On, Verbose (--quiet is Off, --verbose is Verbose)."],
            errors);
        Assert.Throws<Emulator.Hosting.EmulatorConfigurationException>(() => Emulator.Hosting.EmulatorApp.Create(["--Journal:Capacity", "-1", "--Server:DataDirectory", "none"]));
    }
}
