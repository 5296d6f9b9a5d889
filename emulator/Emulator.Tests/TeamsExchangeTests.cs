using System.Net;
using System.Text;
using System.Text.Json;

namespace Emulator.Tests;

/// <summary>The Teams user exchange without an authority (any well-formed unexpired JWT): every row of reference §4.3.</summary>
public sealed class TeamsExchangeTests : IClassFixture<EmulatorFactory>
{
    private static readonly string AppId = "2a4c6d6e-1b12-4b1c-93f3-2d7d5c1f0b11";
    private static readonly string UserId = "7d2b2f0e-5f7c-4d3a-9a57-5a1b1e8a0c22";
    private readonly EmulatorFactory _factory;
    private readonly HttpClient _client;

    public TeamsExchangeTests(EmulatorFactory factory)
    {
        _factory = factory;
        _client = factory.CreateSignedClient();
    }

    /// <summary>An unsigned Entra-style token; the emulator reads appid, oid and exp when no authority is set.</summary>
    public static string TeamsToken(DateTimeOffset expires, string appId, string userId)
    {
        static string Encode(object value) => Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(value)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var header = Encode(new { alg = "none", typ = "JWT" });
        var payload = Encode(new { aud = "https://auth.msft.communication.azure.com", appid = appId, oid = userId, tid = Guid.NewGuid(), exp = expires.ToUnixTimeSeconds() });
        return $"{header}.{payload}.";
    }

    private Task<HttpResponseMessage> ExchangeAsync(string version, object body)
        => _client.PostJson($"/teamsUser/:exchangeAccessToken?api-version={version}", JsonSerializer.Serialize(body));

    [Theory]
    [InlineData("2022-06-01")]
    [InlineData("2022-10-01")]
    [InlineData("2023-10-01")]
    public async Task Valid_ReturnsTokenExpiringWithTheTeamsToken(string version)
    {
        var expires = _factory.Time.GetUtcNow().AddMinutes(59).AddSeconds(59);

        using var response = await ExchangeAsync(version, new { token = TeamsToken(expires, AppId, UserId), appId = AppId, userId = UserId });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal(expires, body.GetProperty("expiresOn").GetDateTimeOffset());
        Assert.Equal($"orgid:{UserId}", Api.DecodePayload(body.GetProperty("token").GetString()!).GetProperty("skypeid").GetString());
    }

    [Theory]
    [InlineData("2021-03-31-preview1")]
    [InlineData("2021-10-31-preview")]
    public async Task TokenOnlyVersions_IgnoreAppAndUser(string version)
    {
        var token = TeamsToken(_factory.Time.GetUtcNow().AddHours(1), AppId, UserId);

        using var response = await ExchangeAsync(version, new { token });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("invalid")]
    [InlineData("expired")]
    public async Task BadToken_Preview1_Is401WithEmptyBody(string kind)
    {
        var token = kind == "expired" ? TeamsToken(_factory.Time.GetUtcNow().AddHours(-2), AppId, UserId) : kind;

        using var response = await ExchangeAsync("2021-03-31-preview1", new { token });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Null(response.Content.Headers.ContentType);
        Assert.False(response.Headers.Contains("api-supported-versions"));
    }

    [Theory]
    [InlineData("2021-10-31-preview", "")]
    [InlineData("2021-10-31-preview", "invalid")]
    [InlineData("2022-10-01", "")]
    [InlineData("2022-10-01", "invalid")]
    [InlineData("2022-10-01", "expired")]
    public async Task BadToken_Is401InvalidAccessToken(string version, string kind)
    {
        var token = kind == "expired" ? TeamsToken(_factory.Time.GetUtcNow().AddHours(-2), AppId, UserId) : kind;

        using var response = await ExchangeAsync(version, new { token, appId = AppId, userId = UserId });

        await Api.AssertErrorAsync(response, HttpStatusCode.Unauthorized, "InvalidAccessToken", "Provided access token is not valid.", null, reportsVersions: false);
    }

    [Theory]
    [InlineData("2022-06-01")]
    [InlineData("2022-10-01")]
    public async Task EmptyAppId_IsRequired(string version)
    {
        using var response = await ExchangeAsync(version, new { token = "whatever", appId = "", userId = UserId });

        await Api.AssertErrorAsync(response, HttpStatusCode.BadRequest, "ValidationError", "AppId: The AppId field is required.", "AppId", reportsVersions: false);
    }

    [Theory]
    [InlineData("2022-06-01")]
    [InlineData("2022-10-01")]
    public async Task EmptyUserId_IsRequired(string version)
    {
        using var response = await ExchangeAsync(version, new { token = "whatever", appId = AppId, userId = "" });

        await Api.AssertErrorAsync(response, HttpStatusCode.BadRequest, "ValidationError", "UserId: The UserId field is required.", "UserId", reportsVersions: false);
    }

    [Fact]
    public async Task InvalidAppIdFormat_IsValidationError()
    {
        var token = TeamsToken(_factory.Time.GetUtcNow().AddHours(1), AppId, UserId);

        using var response = await ExchangeAsync("2022-10-01", new { token, appId = "invalid", userId = UserId });

        await Api.AssertErrorAsync(response, HttpStatusCode.BadRequest, "ValidationError", "Provided AppId has invalid format.", "appId", reportsVersions: true);
    }

    [Fact]
    public async Task InvalidUserIdFormat_IsValidationError()
    {
        var token = TeamsToken(_factory.Time.GetUtcNow().AddHours(1), AppId, UserId);

        using var response = await ExchangeAsync("2022-10-01", new { token, appId = AppId, userId = "invalid" });

        await Api.AssertErrorAsync(response, HttpStatusCode.BadRequest, "ValidationError", "Provided UserId has invalid format.", "userId", reportsVersions: true);
    }

    [Fact]
    public async Task WrongAppId_IsNotTheExpectedApplication()
    {
        var token = TeamsToken(_factory.Time.GetUtcNow().AddHours(1), AppId, UserId);

        using var response = await ExchangeAsync("2022-06-01", new { token, appId = Guid.NewGuid().ToString(), userId = UserId });

        await Api.AssertErrorAsync(response, HttpStatusCode.BadRequest, "ValidationError", "AAD application is not the expected one.", "appId", reportsVersions: true);
    }

    [Fact]
    public async Task WrongUserId_IsUnexpectedUser()
    {
        var token = TeamsToken(_factory.Time.GetUtcNow().AddHours(1), AppId, UserId);

        using var response = await ExchangeAsync("2022-06-01", new { token, appId = AppId, userId = Guid.NewGuid().ToString() });

        await Api.AssertErrorAsync(response, HttpStatusCode.BadRequest, "ValidationError", "Provided AAD token issued for unexpected user.", "userId", reportsVersions: true);
    }

    [Fact]
    public async Task BeforeTeamsVersions_TheRouteIsUnsupported()
    {
        using var response = await ExchangeAsync("2021-03-07", new { token = "x" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("UnsupportedApiVersion", (await response.JsonAsync()).GetProperty("error").GetProperty("code").GetString());
        Assert.DoesNotContain("2021-03-07", response.Headers.GetValues("api-supported-versions").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TeamsExtensionAssignments_PutGetReplaceDelete()
    {
        var path = $"/access/teamsExtension/tenants/{Guid.NewGuid()}/assignments/{Guid.NewGuid()}?api-version=2025-06-30";
        var client = _client;

        using var created = await client.PutAsync(path, new StringContent("{\"principalType\":\"user\",\"clientIds\":[\"" + AppId + "\"]}", Encoding.UTF8, "application/json"));
        using var replaced = await client.PutAsync(path, new StringContent("{\"principalType\":\"resourceAccount\"}", Encoding.UTF8, "application/json"));
        using var got = await client.GetAsync(path);
        using var deleted = await client.DeleteAsync(path);
        using var gone = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal("resourceAccount", (await got.JsonAsync()).GetProperty("principalType").GetString());
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }
}
