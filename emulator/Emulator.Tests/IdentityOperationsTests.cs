using System.Net;
using System.Text.RegularExpressions;
using Emulator.Versioning;

namespace Emulator.Tests;

/// <summary>Every identity operation of every api-version: routes, status codes and body shapes (reference §2).</summary>
public sealed partial class IdentityOperationsTests : IClassFixture<EmulatorFactory>
{
    private readonly EmulatorFactory _factory;
    private readonly HttpClient _client;

    public IdentityOperationsTests(EmulatorFactory factory)
    {
        _factory = factory;
        _client = factory.CreateSignedClient();
    }

    /// <summary>Every version with the current identity operations (all but 2020-07-20-preview2), from the version table.</summary>
    public static TheoryData<string> CurrentVersions => [.. ApiVersions.All.Where(v => v.HasAll(ApiOperation.CreateIdentity)).Select(v => v.Name)];

    [Theory]
    [MemberData(nameof(CurrentVersions))]
    public async Task Create_WithoutScopes_Returns201WithIdentityOnly(string version)
    {
        using var response = await _client.PostJson($"/identities?api-version={version}", "{}");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Null(response.Headers.Location);
        var body = await response.JsonAsync();
        Assert.False(body.TryGetProperty("accessToken", out _));
        Assert.Matches(IdPattern(), body.GetProperty("identity").GetProperty("id").GetString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("null")]
    [InlineData("{\"createTokenWithScopes\":null,\"expiresInMinutes\":null}")]
    [InlineData("{\"createTokenWithScopes\":[]}")]
    public async Task Create_AcceptsAbsentEmptyAndNullBodies(string? body)
    {
        using var response = await _client.PostJson("/identities?api-version=2023-10-01", body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.False((await response.JsonAsync()).TryGetProperty("accessToken", out _));
    }

    [Theory]
    [InlineData("2021-03-07", "[\"chat\"]", "chat")]
    [InlineData("2022-06-01", "[\"voip\"]", "voip")]
    [InlineData("2022-10-01", "[\"chat\",\"voip\"]", "chat,voip")]
    [InlineData("2023-10-01", "[\"chat.join\"]", "chat.join")]
    [InlineData("2023-10-01", "[\"chat.join.limited\",\"voip\"]", "chat.join.limited,voip")]
    [InlineData("2026-09-23", "[\"voip.join\"]", "voip.join")]
    public async Task Create_WithScopes_ReturnsIdentityAndToken(string version, string scopes, string acsScope)
    {
        using var response = await _client.PostJson($"/identities?api-version={version}", $"{{\"createTokenWithScopes\":{scopes}}}");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.JsonAsync();
        var id = body.GetProperty("identity").GetProperty("id").GetString()!;
        var token = body.GetProperty("accessToken").GetProperty("token").GetString()!;
        var payload = Api.DecodePayload(token);
        Assert.Equal(acsScope, payload.GetProperty("acsScope").GetString());
        Assert.Equal(id[2..], payload.GetProperty("skypeid").GetString());
        Assert.Equal(_factory.Time.GetUtcNow().AddDays(1), body.GetProperty("accessToken").GetProperty("expiresOn").GetDateTimeOffset());
    }

    [Fact]
    public async Task Create_PropertyOrderIsIdentityThenAccessToken()
    {
        using var response = await _client.PostJson("/identities?api-version=2023-10-01", "{\"createTokenWithScopes\":[\"chat\"]}");

        var text = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("{\"identity\":{\"id\":\"8:acs:", text, StringComparison.Ordinal);
        Assert.Contains("},\"accessToken\":{\"token\":\"", text, StringComparison.Ordinal);
        Assert.Contains("\",\"expiresOn\":\"2026-03-03T09:30:00+00:00\"}}", text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(CurrentVersions))]
    public async Task IssueRevokeDelete_Succeed(string version)
    {
        var id = await _client.CreateIdentityAsync();

        using var issue = await _client.PostJson($"{Api.Path(id, "/:issueAccessToken")}?api-version={version}", "{\"scopes\":[\"voip\"]}");
        Assert.Equal(HttpStatusCode.OK, issue.StatusCode);
        var body = await issue.JsonAsync();
        Assert.Equal(2, body.EnumerateObject().Count());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("token").GetString()));

        using var revoke = await _client.PostJson($"{Api.Path(id, "/:revokeAccessTokens")}?api-version={version}", null);
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.Null(revoke.Content.Headers.ContentType);
        Assert.Empty(await revoke.Content.ReadAsByteArrayAsync());

        using var delete = await _client.DeleteAsync($"{Api.Path(id)}?api-version={version}");
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Null(delete.Content.Headers.ContentType);
    }

    [Fact]
    public async Task Issue_AcceptsUnencodedId()
    {
        var id = await _client.CreateIdentityAsync();

        using var response = await _client.PostJson($"/identities/{id}/:issueAccessToken?api-version=2023-10-01", "{\"scopes\":[\"chat\"]}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData(60)]
    [InlineData(1440)]
    [InlineData(null)]
    public async Task Issue_ExpiresInMinutes_SetsLifetimeAndExp(int? minutes)
    {
        var id = await _client.CreateIdentityAsync();
        var extra = minutes is null ? ",\"expiresInMinutes\":null" : $",\"expiresInMinutes\":{minutes}";

        using var response = await _client.PostJson($"{Api.Path(id, "/:issueAccessToken")}?api-version=2022-10-01", $"{{\"scopes\":[\"chat\"]{extra}}}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        var expected = _factory.Time.GetUtcNow().AddMinutes(minutes ?? 1440);
        Assert.Equal(expected, body.GetProperty("expiresOn").GetDateTimeOffset());
        Assert.Equal(expected.ToUnixTimeSeconds(), Api.DecodePayload(body.GetProperty("token").GetString()!).GetProperty("exp").GetInt64());
    }

    [Fact]
    public async Task Issue_BeforeExpiresInMinutesVersion_IgnoresIt()
    {
        var id = await _client.CreateIdentityAsync();

        using var response = await _client.PostJson($"{Api.Path(id, "/:issueAccessToken")}?api-version=2022-06-01", "{\"scopes\":[\"chat\"],\"expiresInMinutes\":5}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(_factory.Time.GetUtcNow().AddDays(1), (await response.JsonAsync()).GetProperty("expiresOn").GetDateTimeOffset());
    }

    [Fact]
    public async Task LegacyPreview2_CreateIssuePatchDelete_UseTheOldShapes()
    {
        var client = _factory.CreateSignedClient(dateHeader: HmacSigner.LegacyDateHeader);
        const string v = "?api-version=2020-07-20-preview2";

        using var create = await client.PostJson("/identities" + v, null);
        Assert.Equal(HttpStatusCode.OK, create.StatusCode);
        var created = await create.JsonAsync();
        Assert.Single(created.EnumerateObject());
        var id = created.GetProperty("id").GetString()!;
        Assert.Matches(IdPattern(), id);

        using var issue = await client.PostJson(Api.Path(id, "/token") + v, "{\"scopes\":[\"voip\"]}");
        Assert.Equal(HttpStatusCode.OK, issue.StatusCode);
        var issued = await issue.JsonAsync();
        Assert.Equal(id, issued.GetProperty("id").GetString());
        var token = issued.GetProperty("token").GetString()!;
        Assert.Equal(_factory.Time.GetUtcNow().AddDays(1), issued.GetProperty("expiresOn").GetDateTimeOffset());

        var patch = new HttpRequestMessage(HttpMethod.Patch, Api.Path(id) + v)
        {
            Content = new StringContent($"{{\"tokensValidFrom\":\"{_factory.Time.GetUtcNow():O}\"}}", System.Text.Encoding.UTF8, "application/merge-patch+json"),
        };
        using var patched = await client.SendAsync(patch);
        Assert.Equal(HttpStatusCode.NoContent, patched.StatusCode);
        Assert.Equal("revoked", (await client.ValidateAsync(token)).GetProperty("reason").GetString());

        using var delete = await client.DeleteAsync(Api.Path(id) + v);
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
    }

    [Fact]
    public async Task LegacyPreview2_DoesNotServeNewRoutes_AndNewVersionsDoNotServeOldOnes()
    {
        var id = await _client.CreateIdentityAsync();

        using var newRouteOldVersion = await _client.PostJson(Api.Path(id, "/:issueAccessToken") + "?api-version=2020-07-20-preview2", "{\"scopes\":[\"chat\"]}");
        using var oldRouteNewVersion = await _client.PostJson(Api.Path(id, "/token") + "?api-version=2023-10-01", "{\"scopes\":[\"chat\"]}");

        Assert.Equal(HttpStatusCode.BadRequest, newRouteOldVersion.StatusCode);
        Assert.Equal("UnsupportedApiVersion", (await newRouteOldVersion.JsonAsync()).GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, oldRouteNewVersion.StatusCode);
        Assert.Equal("UnsupportedApiVersion", (await oldRouteNewVersion.JsonAsync()).GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("2020-07-20-preview2", oldRouteNewVersion.Headers.GetValues("api-supported-versions").Single());
    }

    [Fact]
    public async Task CustomId_SameCustomIdReturnsSameIdentity_AndGetShowsIt()
    {
        const string v = "?api-version=2025-03-02-preview";
        var customId = "alice-" + Guid.NewGuid();

        using var first = await _client.PostJson("/identities" + v, $"{{\"customId\":\"{customId}\"}}");
        using var second = await _client.PostJson("/identities" + v, $"{{\"customId\":\"{customId}\",\"createTokenWithScopes\":[\"chat\"]}}");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        var firstIdentity = (await first.JsonAsync()).GetProperty("identity");
        var secondIdentity = (await second.JsonAsync()).GetProperty("identity");
        var id = firstIdentity.GetProperty("id").GetString()!;
        Assert.Equal(id, secondIdentity.GetProperty("id").GetString());
        Assert.Equal(customId, secondIdentity.GetProperty("customId").GetString());
        Assert.Equal(_factory.Time.GetUtcNow(), secondIdentity.GetProperty("lastTokenIssuedAt").GetDateTimeOffset());

        using var get = await _client.GetAsync(Api.Path(id) + v);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        var got = await get.JsonAsync();
        Assert.Equal(id, got.GetProperty("id").GetString());
        Assert.Equal(customId, got.GetProperty("customId").GetString());
    }

    [Fact]
    public async Task CustomId_AfterDelete_MakesANewIdentity()
    {
        const string v = "?api-version=2025-03-02-preview";
        var body = $"{{\"customId\":\"bob-{Guid.NewGuid()}\"}}";
        using var first = await _client.PostJson("/identities" + v, body);
        var id = (await first.JsonAsync()).GetProperty("identity").GetProperty("id").GetString()!;
        using var delete = await _client.DeleteAsync(Api.Path(id) + v);

        using var again = await _client.PostJson("/identities" + v, body);

        Assert.NotEqual(id, (await again.JsonAsync()).GetProperty("identity").GetProperty("id").GetString());
    }

    [Fact]
    public async Task CustomId_BeforePreviewVersion_IsIgnored()
    {
        using var response = await _client.PostJson("/identities?api-version=2023-10-01", "{\"customId\":\"carol\"}");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.False((await response.JsonAsync()).GetProperty("identity").TryGetProperty("customId", out _));
    }

    [Fact]
    public async Task Turn_IssueCredentials_2021_02_22_preview1()
    {
        var id = await _client.CreateIdentityAsync();

        using var response = await _client.PostJson($"/turn/{Uri.EscapeDataString(id)}/:issueCredentials?api-version=2021-02-22-preview1", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var server = (await response.JsonAsync()).GetProperty("turnServers")[0];
        Assert.StartsWith("turn:", server.GetProperty("urls")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("2021-02-22-preview1", response.Headers.GetValues("api-supported-versions").Single());
    }

    [GeneratedRegex("^8:acs:2b236b8e-e9b7-4be0-8757-b43061a56d37_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
    private static partial Regex IdPattern();
}
