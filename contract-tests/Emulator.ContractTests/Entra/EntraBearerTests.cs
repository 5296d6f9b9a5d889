using System.Net;
using System.Net.Http.Headers;
using Emulator.TestSupport.Wire;
using Xunit;

namespace Emulator.ContractTests.Entra;

/// <summary>
/// Bearer-authenticated calls validated end to end against the WireMock Entra stand-in: signature (JWKS), issuer,
/// audience and lifetime. Bearer calls carry no HMAC headers.
/// </summary>
public sealed class EntraBearerTests(EntraAuthorityTarget target) : IClassFixture<EntraAuthorityTarget>
{
    private const string AcsAudience = "https://communication.azure.com";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("https://communication.azure.com")]
    [InlineData("https://communication.azure.com/")]
    public async Task CreateIdentity_WithValidEntraToken_Returns201(string audience)
    {
        var response = await SendAsync(target.Entra.CreateToken(audience));

        var body = AcsAssert.Json(response, HttpStatusCode.Created);
        AcsAssert.IdentityId(body.GetProperty("identity").GetProperty("id").GetString(), target.ResourceId);
    }

    [Fact]
    public async Task CreateIdentity_WithExpiredEntraToken_IsInvalidAccessToken()
    {
        // Expired beyond the 5-minute clock skew.
        var token = target.Entra.CreateToken(AcsAudience, expires: DateTimeOffset.UtcNow.AddMinutes(-10));

        AcsAssert.Error(await SendAsync(token), ExpectedError.TeamsTokenInvalid);
    }

    [Fact]
    public async Task CreateIdentity_WithTokenForAnotherAudience_IsInvalidAccessToken()
    {
        var token = target.Entra.CreateToken("https://graph.microsoft.com");

        AcsAssert.Error(await SendAsync(token), ExpectedError.TeamsTokenInvalid);
    }

    [Fact]
    public async Task CreateIdentity_WithTokenSignedByAnotherKey_IsInvalidAccessToken()
    {
        var token = target.Entra.CreateToken(AcsAudience, key: target.Entra.OtherKey);

        AcsAssert.Error(await SendAsync(token), ExpectedError.TeamsTokenInvalid);
    }

    [Fact]
    public async Task CreateIdentity_WithTokenOfAnotherIssuer_IsInvalidAccessToken()
    {
        var token = target.Entra.CreateToken(AcsAudience, issuer: "https://login.microsoftonline.com/" + Guid.NewGuid() + "/v2.0");

        AcsAssert.Error(await SendAsync(token), ExpectedError.TeamsTokenInvalid);
    }

    [Fact]
    public async Task CreateIdentity_WithMadeUpUnsignedStyleToken_IsInvalidAccessToken()
    {
        // Accepted by an emulator without authority; with one, its random signature fails.
        var token = MadeUpEntraToken.Create(AcsAudience, Guid.NewGuid(), Guid.NewGuid(), target.Entra.TenantId, DateTimeOffset.UtcNow.AddHours(1));

        AcsAssert.Error(await SendAsync(token), ExpectedError.TeamsTokenInvalid);
    }

    [Fact]
    public async Task TeamsExtensionExchange_WithValidEntraToken_ReturnsIdentityOfTenantAndUser()
    {
        var user = Guid.NewGuid();
        var token = target.Entra.CreateToken("https://auth.msft.communication.azure.com", objectId: user);

        var response = await SendAsync(token, "/access/teamsExtension/:exchangeAccessToken", "2025-06-30", "{}");

        var body = AcsAssert.Json(response, HttpStatusCode.OK);
        Assert.Equal($"8:acs:{target.ResourceId}_{target.Entra.TenantId}_{user}", body.GetProperty("identity").GetProperty("id").GetString());
        Assert.NotEmpty(body.GetProperty("accessToken").GetProperty("token").GetString()!);
    }

    private Task<AcsResponse> SendAsync(string token, string path = "/identities", string version = ApiVersion.V2023_10_01, string body = "{}") =>
        target.UnsignedClient(https: true).SendAsync(HttpMethod.Post, path, version, body, customize: request =>
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            Assert.False(request.Headers.Contains(HmacSigner.DateHeader));
        }, cancellationToken: Ct);
}
