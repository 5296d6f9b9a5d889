using System.Globalization;
using System.Net;
using System.Text.Json;
using Emulator.TestSupport.Wire;
using Xunit;

namespace Emulator.ContractTests.Entra;

/// <summary>
/// The Teams user token exchange with tokens of the WireMock Entra stand-in: the emulator checks signature, issuer,
/// audience and lifetime, then <c>appid</c>/<c>azp</c> against appId and <c>oid</c> against userId (reference §4.3, §9).
/// </summary>
public sealed class EntraTeamsExchangeTests(EntraAuthorityTarget target) : IClassFixture<EntraAuthorityTarget>
{
    private const string TeamsAudience = "https://auth.msft.communication.azure.com";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("appid")]
    [InlineData("azp")]
    public async Task Exchange_WithValidTeamsToken_Returns200ExpiringWithIt(string appIdClaim)
    {
        var (app, user) = (Guid.NewGuid(), Guid.NewGuid());
        var expires = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddMinutes(45).ToUnixTimeSeconds());
        var token = target.Entra.CreateToken(TeamsAudience, app, user, expires, appIdClaim: appIdClaim);

        var response = await ExchangeAsync(token, app, user);

        var body = AcsAssert.Json(response, HttpStatusCode.OK);
        Assert.Equal(expires, DateTimeOffset.Parse(body.GetProperty("expiresOn").GetString()!, CultureInfo.InvariantCulture));
        Assert.Equal(expires.ToUnixTimeSeconds(), Jwt.Decode(body.GetProperty("token").GetString()!).Exp);
    }

    [Fact]
    public async Task Exchange_WithExpiredTeamsToken_IsInvalidAccessToken()
    {
        var (app, user) = (Guid.NewGuid(), Guid.NewGuid());
        var token = target.Entra.CreateToken(TeamsAudience, app, user, DateTimeOffset.UtcNow.AddMinutes(-10));

        AcsAssert.Error(await ExchangeAsync(token, app, user), ExpectedError.TeamsTokenInvalid);
    }

    [Fact]
    public async Task Exchange_WithTokenForAnotherAudience_IsInvalidAccessToken()
    {
        var (app, user) = (Guid.NewGuid(), Guid.NewGuid());
        var token = target.Entra.CreateToken("https://graph.microsoft.com", app, user);

        AcsAssert.Error(await ExchangeAsync(token, app, user), ExpectedError.TeamsTokenInvalid);
    }

    [Fact]
    public async Task Exchange_WithTokenSignedByAnotherKey_IsInvalidAccessToken()
    {
        var (app, user) = (Guid.NewGuid(), Guid.NewGuid());
        var token = target.Entra.CreateToken(TeamsAudience, app, user, key: target.Entra.OtherKey);

        AcsAssert.Error(await ExchangeAsync(token, app, user), ExpectedError.TeamsTokenInvalid);
    }

    [Fact]
    public async Task Exchange_WithAnotherAppId_IsApplicationMismatch()
    {
        var user = Guid.NewGuid();
        var token = target.Entra.CreateToken(TeamsAudience, Guid.NewGuid(), user);

        AcsAssert.Error(await ExchangeAsync(token, Guid.NewGuid(), user), ExpectedError.AppIdMismatch);
    }

    [Fact]
    public async Task Exchange_WithAnotherUserId_IsUserMismatch()
    {
        var app = Guid.NewGuid();
        var token = target.Entra.CreateToken(TeamsAudience, app, Guid.NewGuid());

        AcsAssert.Error(await ExchangeAsync(token, app, Guid.NewGuid()), ExpectedError.UserIdMismatch);
    }

    private Task<AcsResponse> ExchangeAsync(string token, Guid appId, Guid userId) =>
        target.Client().SendAsync(HttpMethod.Post, "/teamsUser/:exchangeAccessToken", ApiVersion.V2023_10_01,
            JsonSerializer.Serialize(new { token, appId, userId }), cancellationToken: Ct);
}
