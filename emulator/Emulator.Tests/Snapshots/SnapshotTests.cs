using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Emulator.Hosting;

namespace Emulator.Tests.Snapshots;

public sealed class SnapshotTests : IAsyncLifetime
{
    private const string Preview = "2025-03-02-preview";
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

    /// <summary>alice (customId, valid token), bob (revoked token), carol (deleted), an assignment, the clock 60 s ahead.</summary>
    private static async Task<(string Alice, string Bob, string Valid, string Revoked, string Deleted, string AssignmentPath)> ArrangeStateAsync(HttpClient client, HttpClient admin)
    {
        using var created = await client.PostJson($"/identities?api-version={Preview}", """{"customId":"alice"}""");
        var alice = (await created.JsonAsync()).GetProperty("identity").GetProperty("id").GetString()!;
        var bob = await client.CreateIdentityAsync();
        var carol = await client.CreateIdentityAsync();
        var valid = await client.IssueTokenAsync(alice);
        var revoked = await client.IssueTokenAsync(bob);
        var deleted = await client.IssueTokenAsync(carol);
        using (var revoke = await client.PostJson($"{Api.Path(bob, "/:revokeAccessTokens")}?api-version={Api.V2023}", null))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        }

        using (var delete = await client.DeleteAsync($"{Api.Path(carol)}?api-version={Api.V2023}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }

        var assignment = $"/access/teamsExtension/tenants/{Guid.NewGuid()}/assignments/{Guid.NewGuid()}?api-version=2025-06-30";
        using (var put = await client.PutAsync(assignment, new StringContent("""{"principalType":"user"}""", Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        }

        using (var advance = await admin.PostJson("/emulator/clock/advance", """{"seconds":60}"""))
        {
            Assert.Equal(HttpStatusCode.OK, advance.StatusCode);
        }

        return (alice, bob, valid, revoked, deleted, assignment);
    }

    private static async Task<string> SnapshotAsync(HttpClient admin)
    {
        using var response = await admin.GetAsync("/emulator/snapshot");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<HttpResponseMessage> PutSnapshotAsync(HttpClient admin, string json)
        => await admin.PutAsync("/emulator/snapshot", new StringContent(json, Encoding.UTF8, "application/json"));

    private static async Task<string?> ReasonAsync(HttpClient client, string token)
    {
        var result = await client.ValidateAsync(token);
        return result.GetProperty("valid").GetBoolean() ? "valid" : result.GetProperty("reason").GetString();
    }

    [Fact]
    public async Task Snapshot_HoldsTheWholeState_Versioned()
    {
        var state = await ArrangeStateAsync(_client, _admin);
        var snapshot = JsonDocument.Parse(await SnapshotAsync(_admin)).RootElement;
        Assert.Equal("acs-identity-emulator-snapshot", snapshot.GetProperty("format").GetString());
        Assert.Equal(1, snapshot.GetProperty("version").GetInt32());
        Assert.Equal(EmulatorFactory.ResourceId, snapshot.GetProperty("resourceId").GetString());
        Assert.Equal(60, snapshot.GetProperty("clockOffsetSeconds").GetDouble());
        var identities = snapshot.GetProperty("identities").EnumerateArray().ToArray();
        Assert.Equal(3, identities.Length);
        Assert.Equal("alice", identities.Single(i => i.GetProperty("id").GetString() == state.Alice).GetProperty("customId").GetString());
        Assert.True(identities.Single(i => i.GetProperty("id").GetString() == state.Bob).GetProperty("validFromSequence").GetInt64() > 0);
        Assert.Single(identities, i => i.TryGetProperty("deletedAt", out _));
        Assert.Equal("user", snapshot.GetProperty("assignments")[0].GetProperty("principalType").GetString());
        Assert.True(snapshot.GetProperty("sequence").GetInt64() >= 4);
    }

    [Fact]
    public async Task ExportResetImport_WithTheSameSigningKey_RestoresEveryVerdict_AndTheSequenceContinues()
    {
        var state = await ArrangeStateAsync(_client, _admin);
        var snapshot = await SnapshotAsync(_admin);
        using (var reset = await _admin.PostAsync("/emulator/reset", null))
        {
            Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        }

        Assert.Equal("unknownIdentity", await ReasonAsync(_admin, state.Valid));

        using (var put = await PutSnapshotAsync(_admin, snapshot))
        {
            Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        }

        Assert.Equal("valid", await ReasonAsync(_admin, state.Valid));
        Assert.Equal("revoked", await ReasonAsync(_admin, state.Revoked));
        Assert.Equal("identityDeleted", await ReasonAsync(_admin, state.Deleted));
        using (var clock = await _admin.GetAsync("/emulator/clock"))
        {
            Assert.Equal(60, (await clock.JsonAsync()).GetProperty("offsetSeconds").GetDouble());
        }

        // A token issued after the import is valid: the issue sequence continued past the revocation.
        Assert.Equal("valid", await ReasonAsync(_admin, await _client.IssueTokenAsync(state.Bob)));
        using (var same = await _client.PostJson($"/identities?api-version={Preview}", """{"customId":"alice"}"""))
        {
            Assert.Equal(state.Alice, (await same.JsonAsync()).GetProperty("identity").GetProperty("id").GetString());
        }

        using var assignment = await _client.GetAsync(state.AssignmentPath);
        Assert.Equal(HttpStatusCode.OK, assignment.StatusCode);
    }

    [Fact]
    public async Task Import_IntoAnEmulatorWithAnotherSigningKey_ReportsOldTokensAsUnknownSigningKey()
    {
        var state = await ArrangeStateAsync(_client, _admin);
        var snapshot = await SnapshotAsync(_admin);
        var directory = Directory.CreateTempSubdirectory("acs-snapshot-key-");
        await using var other = new EmulatorFactory(); // same resource; its data directory gets a new signing key
        other.Settings["Server:DataDirectory"] = directory.FullName;
        using var otherAdmin = other.CreateClient();
        using (var put = await PutSnapshotAsync(otherAdmin, snapshot))
        {
            Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        }

        Assert.Equal("unknownSigningKey", await ReasonAsync(otherAdmin, state.Valid));
        using var identity = await otherAdmin.GetAsync($"/emulator/identities/{Uri.EscapeDataString(state.Alice)}");
        Assert.Equal(HttpStatusCode.OK, identity.StatusCode);
        await other.DisposeAsync();
        directory.Delete(recursive: true);
    }

    public static TheoryData<string, string> BadSnapshots() => new()
    {
        { "not json", "not valid" },
        { "[]", "not an emulator snapshot" },
        { """{"format":"something-else","version":1}""", "not an emulator snapshot" },
        { """{"format":"acs-identity-emulator-snapshot","version":2}""", "format version 2, newer than this emulator reads (version 1)" },
        { """{"format":"acs-identity-emulator-snapshot","version":"1"}""", "no valid version" },
        { """{"format":"acs-identity-emulator-snapshot","version":1,"resourceId":"00000000-0000-0000-0000-000000000000","exportedAt":"2026-01-01T00:00:00Z","clockOffsetSeconds":0,"sequence":0}""", "of resource '00000000-0000-0000-0000-000000000000'" },
        { """{"format":"acs-identity-emulator-snapshot","version":1,"resourceId":"2b236b8e-e9b7-4be0-8757-b43061a56d37","exportedAt":"2026-01-01T00:00:00Z","clockOffsetSeconds":0,"sequence":0,"identities":[{"id":"8:acs:00000000-0000-0000-0000-000000000000_5d2ca0a3-5e2b-4a43-a0f4-7dda8ba0aa12","createdAt":"2026-01-01T00:00:00Z"}]}""", "is not an identity of resource" },
        { """{"format":"acs-identity-emulator-snapshot","version":1,"resourceId":"2b236b8e-e9b7-4be0-8757-b43061a56d37","exportedAt":"2026-01-01T00:00:00Z","clockOffsetSeconds":0,"sequence":1,"identities":[{"id":"8:acs:2b236b8e-e9b7-4be0-8757-b43061a56d37_5d2ca0a3-5e2b-4a43-a0f4-7dda8ba0aa12","createdAt":"2026-01-01T00:00:00Z","validFromSequence":5}]}""", "invalid validFromSequence" },
        { """{"format":"acs-identity-emulator-snapshot","version":1,"resourceId":"2b236b8e-e9b7-4be0-8757-b43061a56d37","exportedAt":"2026-01-01T00:00:00Z","clockOffsetSeconds":0,"sequence":0,"identities":[{"id":"8:acs:2b236b8e-e9b7-4be0-8757-b43061a56d37_5d2ca0a3-5e2b-4a43-a0f4-7dda8ba0aa12","createdAt":"2026-01-01T00:00:00Z"},{"id":"8:acs:2b236b8e-e9b7-4be0-8757-b43061a56d37_5d2ca0a3-5e2b-4a43-a0f4-7dda8ba0aa12","createdAt":"2026-01-01T00:00:00Z"}]}""", "appears twice" },
        { """{"format":"acs-identity-emulator-snapshot","version":1,"resourceId":"2b236b8e-e9b7-4be0-8757-b43061a56d37","exportedAt":"2026-01-01T00:00:00Z","clockOffsetSeconds":"soon","sequence":0}""", "not valid" },
        { """{"format":"acs-identity-emulator-snapshot","version":1,"resourceId":"2b236b8e-e9b7-4be0-8757-b43061a56d37","exportedAt":"2026-01-01T00:00:00Z","clockOffsetSeconds":0,"sequence":0,"assignments":[{"tenantId":"x","objectId":"y","principalType":"user"}]}""", "assignment without GUID" },
    };

    [Theory]
    [MemberData(nameof(BadSnapshots))]
    public async Task Put_ABadSnapshot_Is400NamingTheProblem_AndChangesNothing(string body, string expected)
    {
        var state = await ArrangeStateAsync(_client, _admin);
        var before = await SnapshotAsync(_admin);
        using var response = await PutSnapshotAsync(_admin, body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var after = JsonNode.Parse(await SnapshotAsync(_admin))!.AsObject();
        var expectedState = JsonNode.Parse(before)!.AsObject();
        after.Remove("exportedAt");
        expectedState.Remove("exportedAt");
        Assert.Equal(expectedState.ToJsonString(), after.ToJsonString());
        Assert.Equal("valid", await ReasonAsync(_admin, state.Valid));
    }

    [Fact]
    public async Task ImportAtStart_LoadsTheSnapshot_AndExportOnExit_WritesOneOnShutdown()
    {
        var state = await ArrangeStateAsync(_client, _admin);
        var directory = Directory.CreateTempSubdirectory("acs-snapshot-test-");
        try
        {
            var import = Path.Combine(directory.FullName, "in.json");
            var export = Path.Combine(directory.FullName, "out.json");
            await File.WriteAllTextAsync(import, await SnapshotAsync(_admin), TestContext.Current.CancellationToken);
            var started = new EmulatorFactory();
            started.Settings["Snapshots:Import"] = import;
            started.Settings["Snapshots:ExportOnExit"] = export;
            using (var admin = started.CreateClient())
            {
                using var identity = await admin.GetAsync($"/emulator/identities/{Uri.EscapeDataString(state.Bob)}");
                Assert.Equal(HttpStatusCode.OK, identity.StatusCode);
                using var signed = started.CreateSignedClient();
                await signed.CreateIdentityAsync();
                Assert.False(File.Exists(export), "written on shutdown, not before");
            }

            await started.DisposeAsync();
            var exported = JsonDocument.Parse(await File.ReadAllTextAsync(export, TestContext.Current.CancellationToken)).RootElement;
            Assert.Equal(4, exported.GetProperty("identities").GetArrayLength());
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void ImportAtStart_OfABadOrMissingFile_FailsTheStartNamingIt()
    {
        var directory = Directory.CreateTempSubdirectory("acs-snapshot-test-");
        try
        {
            var bad = Path.Combine(directory.FullName, "bad.json");
            File.WriteAllText(bad, """{"format":"acs-identity-emulator-snapshot","version":9}""");
            var args = new[] { "--Server:DataDirectory", "none", "--Resource:Id", EmulatorFactory.ResourceId, "--port", "0", "--https-port", "-1" };
            var newer = Assert.Throws<EmulatorConfigurationException>(() => EmulatorApp.Create([.. args, "--import", bad]));
            Assert.Contains("format version 9", newer.Message, StringComparison.Ordinal);
            var missing = Assert.Throws<EmulatorConfigurationException>(() => EmulatorApp.Create([.. args, "--import", Path.Combine(directory.FullName, "none.json")]));
            Assert.Contains("Snapshots:Import", missing.Message, StringComparison.Ordinal);
            var noDir = Assert.Throws<EmulatorConfigurationException>(() => EmulatorApp.Create([.. args, "--export-on-exit", Path.Combine(directory.FullName, "no", "such", "out.json")]));
            Assert.Contains("Snapshots:ExportOnExit", noDir.Message, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
