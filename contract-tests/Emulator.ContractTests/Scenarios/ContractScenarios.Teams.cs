using System.Globalization;
using System.Net;
using System.Text.Json;
using Emulator.TestSupport.Wire;
using Xunit;

namespace Emulator.ContractTests.Scenarios;

/// <summary>The Teams user token exchange and every failure recorded from live Azure (reference §2.6, §4.3, §9).</summary>
public abstract partial class ContractScenarios
{
    /// <summary>Live leg only: a real Teams user's Entra token, its application (client) id and the user's object id.</summary>
    public const string TeamsTokenVariable = "ACS_TEAMS_USER_AAD_TOKEN";

    public const string TeamsAppIdVariable = "ACS_TEAMS_APP_ID";

    public const string TeamsUserIdVariable = "ACS_TEAMS_USER_OBJECT_ID";

    private const string ExchangePath = "/teamsUser/:exchangeAccessToken";

    [Theory]
    [InlineData(ApiVersion.V2022_06_01)]
    [InlineData(ApiVersion.V2022_10_01)]
    [InlineData(ApiVersion.V2023_10_01)]
    [Trait("covers", "ExchangeTeamsUserToken@{version}")]
    public async Task TeamsExchange_WithValidToken_Returns200ExpiringWithTheTeamsToken(string version)
    {
        var user = TeamsUser();

        var response = await ExchangeAsync(version, user.Token, user.AppId, user.UserId);

        var body = AcsAssert.Json(response, HttpStatusCode.OK);
        Assert.Equal(["token", "expiresOn"], body.EnumerateObject().Select(p => p.Name));
        var jwt = Jwt.Decode(body.GetProperty("token").GetString()!);
        var expiresOn = DateTimeOffset.Parse(body.GetProperty("expiresOn").GetString()!, CultureInfo.InvariantCulture);
        Assert.InRange((expiresOn - DateTimeOffset.FromUnixTimeSeconds(jwt.Exp)).Duration(), TimeSpan.Zero, TimeSpan.FromSeconds(1));
        if (user.ExpiresOn is { } teamsExpiry)
        {
            Assert.InRange((expiresOn - teamsExpiry).Duration(), TimeSpan.Zero, TimeSpan.FromSeconds(2));
        }

        AcsAssert.SupportedVersions(response, version);
        AcsAssert.ServiceHeaders(response);
        if (Target.IsEmulator)
        {
            // Emulator choice (the live claims of exchanged tokens are not recorded, reference §10): the Teams user's id.
            Assert.Equal($"orgid:{user.UserId}", jwt.Claim("skypeid")?.GetString());
        }
    }

    [Theory]
    [InlineData(ApiVersion.V2021_03_31_Preview1)]
    [InlineData(ApiVersion.V2021_10_31_Preview)]
    [Trait("covers", "ExchangeTeamsUserToken@{version}")]
    public async Task TeamsExchange_AtTokenOnlyVersions_WithValidToken_Returns200(string version)
    {
        var user = TeamsUser();

        var response = await Acs.SendAsync(HttpMethod.Post, ExchangePath, version, JsonSerializer.Serialize(new { token = user.Token }), cancellationToken: Ct);

        var body = AcsAssert.Json(response, HttpStatusCode.OK);
        Assert.Equal(["token", "expiresOn"], body.EnumerateObject().Select(p => p.Name));
    }

    [Theory]
    [InlineData(ApiVersion.V2022_06_01, "")]
    [InlineData(ApiVersion.V2022_10_01, "")]
    [InlineData(ApiVersion.V2022_10_01, "invalid")]
    [InlineData(ApiVersion.V2022_10_01, "expired")]
    [InlineData(ApiVersion.V2023_10_01, "invalid")]
    [InlineData(ApiVersion.V2023_10_01, "expired")]
    [Trait("covers", "ExchangeTeamsUserToken@{version}#token-invalid")]
    public async Task TeamsExchange_WithEmptyInvalidOrExpiredToken_IsInvalidAccessToken(string version, string kind)
    {
        var appId = Guid.NewGuid();
        var userId = Guid.NewGuid();
        AcsAssert.Error(await ExchangeAsync(version, BadTeamsToken(kind, appId, userId), appId.ToString(), userId.ToString()), ExpectedError.TeamsTokenInvalid);
    }

    [Theory]
    [InlineData("")]
    [InlineData("invalid")]
    [InlineData("expired")]
    [Trait("covers", "ExchangeTeamsUserToken@2021-03-31-preview1#token-invalid")]
    public async Task TeamsExchange_2021_03_31_Preview1_WithInvalidToken_Is401WithEmptyBody(string kind)
    {
        var token = BadTeamsToken(kind, Guid.NewGuid(), Guid.NewGuid());

        var response = await Acs.SendAsync(HttpMethod.Post, ExchangePath, ApiVersion.V2021_03_31_Preview1, JsonSerializer.Serialize(new { token }), cancellationToken: Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal(string.Empty, response.Body);
        Assert.Null(response.ContentType);
        Assert.False(response.HasHeader("api-supported-versions"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("invalid")]
    [Trait("covers", "ExchangeTeamsUserToken@2021-10-31-preview")]
    public async Task TeamsExchange_2021_10_31_Preview_WithInvalidToken_IsInvalidAccessToken(string kind)
    {
        var token = BadTeamsToken(kind, Guid.NewGuid(), Guid.NewGuid());

        var response = await Acs.SendAsync(HttpMethod.Post, ExchangePath, ApiVersion.V2021_10_31_Preview, JsonSerializer.Serialize(new { token }), cancellationToken: Ct);

        AcsAssert.Error(response, ExpectedError.TeamsTokenInvalid);
    }

    [Theory]
    [InlineData(ApiVersion.V2022_06_01)]
    [InlineData(ApiVersion.V2022_10_01)]
    [Trait("covers", "ExchangeTeamsUserToken@{version}#app-id-required")]
    public async Task TeamsExchange_WithEmptyAppId_IsRequiredFieldError(string version)
    {
        AcsAssert.Error(await ExchangeAsync(version, "invalid", string.Empty, Guid.NewGuid().ToString()), ExpectedError.AppIdRequired);
    }

    [Theory]
    [InlineData(ApiVersion.V2022_06_01)]
    [InlineData(ApiVersion.V2022_10_01)]
    [Trait("covers", "ExchangeTeamsUserToken@{version}#user-id-required")]
    public async Task TeamsExchange_WithEmptyUserId_IsRequiredFieldError(string version)
    {
        AcsAssert.Error(await ExchangeAsync(version, "invalid", Guid.NewGuid().ToString(), string.Empty), ExpectedError.UserIdRequired);
    }

    [Theory]
    [InlineData(ApiVersion.V2022_06_01)]
    [InlineData(ApiVersion.V2022_10_01)]
    [Trait("covers", "ExchangeTeamsUserToken@{version}#app-id-format")]
    public async Task TeamsExchange_WithMalformedAppId_IsFormatError(string version)
    {
        var user = TeamsUser();

        AcsAssert.Error(await ExchangeAsync(version, user.Token, "invalid", user.UserId), ExpectedError.AppIdFormat);
    }

    [Theory]
    [InlineData(ApiVersion.V2022_06_01)]
    [InlineData(ApiVersion.V2022_10_01)]
    [Trait("covers", "ExchangeTeamsUserToken@{version}#user-id-format")]
    public async Task TeamsExchange_WithMalformedUserId_IsFormatError(string version)
    {
        var user = TeamsUser();

        AcsAssert.Error(await ExchangeAsync(version, user.Token, user.AppId, "invalid"), ExpectedError.UserIdFormat);
    }

    [Theory]
    [InlineData(ApiVersion.V2022_06_01)]
    [InlineData(ApiVersion.V2023_10_01)]
    [Trait("covers", "ExchangeTeamsUserToken@{version}#app-id-mismatch")]
    public async Task TeamsExchange_WithAnotherAppId_IsApplicationMismatch(string version)
    {
        var user = TeamsUser();

        AcsAssert.Error(await ExchangeAsync(version, user.Token, Guid.NewGuid().ToString(), user.UserId), ExpectedError.AppIdMismatch);
    }

    [Theory]
    [InlineData(ApiVersion.V2022_06_01)]
    [InlineData(ApiVersion.V2023_10_01)]
    [Trait("covers", "ExchangeTeamsUserToken@{version}#user-id-mismatch")]
    public async Task TeamsExchange_WithAnotherUserId_IsUserMismatch(string version)
    {
        var user = TeamsUser();

        AcsAssert.Error(await ExchangeAsync(version, user.Token, user.AppId, Guid.NewGuid().ToString()), ExpectedError.UserIdMismatch);
    }

    [Fact]
    public async Task TeamsExchange_AtAVersionBeforeTheExchange_IsUnsupportedApiVersion()
    {
        var response = await Acs.SendAsync(HttpMethod.Post, ExchangePath, ApiVersion.V2021_03_07, """{"token":"x"}""", cancellationToken: Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("UnsupportedApiVersion", response.Json.GetProperty("error").GetProperty("code").GetString());
        var listed = response.Header("api-supported-versions");
        Assert.NotNull(listed);
        Assert.DoesNotContain(ApiVersion.V2021_03_07, listed, StringComparison.Ordinal);
    }

    /// <summary>An empty, malformed or (made up and) expired Teams token, by name.</summary>
    private static string BadTeamsToken(string kind, Guid appId, Guid userId) => kind switch
    {
        "expired" => MadeUpEntraToken.Create(MadeUpEntraToken.TeamsAudience, appId, userId, Guid.NewGuid(), DateTimeOffset.UtcNow.AddHours(-1)),
        _ => kind,
    };

    protected Task<AcsResponse> ExchangeAsync(string version, string token, string appId, string userId) =>
        Acs.SendAsync(HttpMethod.Post, ExchangePath, version, JsonSerializer.Serialize(new { token, appId, userId }), cancellationToken: Ct);

    /// <summary>
    /// A Teams user token the target accepts: made up (random signature) for an emulator, which has no Entra authority
    /// unless configured with one; from the environment for live Azure, else the test is skipped naming the variables.
    /// </summary>
    protected TeamsUserToken TeamsUser()
    {
        if (Target.IsEmulator)
        {
            var appId = Guid.NewGuid();
            var userId = Guid.NewGuid();
            var expiresOn = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddMinutes(50).ToUnixTimeSeconds());
            return new TeamsUserToken(MadeUpEntraToken.Create(MadeUpEntraToken.TeamsAudience, appId, userId, Guid.NewGuid(), expiresOn), appId.ToString(), userId.ToString(), expiresOn);
        }

        var token = Environment.GetEnvironmentVariable(TeamsTokenVariable);
        var app = Environment.GetEnvironmentVariable(TeamsAppIdVariable);
        var user = Environment.GetEnvironmentVariable(TeamsUserIdVariable);
        if (string.IsNullOrWhiteSpace(token) || string.IsNullOrWhiteSpace(app) || string.IsNullOrWhiteSpace(user))
        {
            Assert.Skip($"{TeamsTokenVariable}, {TeamsAppIdVariable} and {TeamsUserIdVariable} are not all set: this live scenario needs a real Teams user's Entra token.");
        }

        return new TeamsUserToken(token, app, user, DateTimeOffset.FromUnixTimeSeconds(Jwt.Decode(token).Exp));
    }
}
