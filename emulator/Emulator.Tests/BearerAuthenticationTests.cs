using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Emulator.Tests;

/// <summary>Entra ID bearer tokens: well-formed JWTs without an authority; full validation against one (served by WireMock.Net).</summary>
public sealed class BearerAuthenticationTests : IDisposable
{
    private const string CreatePath = "/identities?api-version=2023-10-01";
    private readonly WireMockServer _authority = WireMockServer.Start();
    private readonly RSA _authorityKey = RSA.Create(2048);
    private readonly RsaSecurityKey _signingKey;

    public BearerAuthenticationTests()
    {
        _signingKey = new RsaSecurityKey(_authorityKey) { KeyId = "entra-test-key" };
        var parameters = _authorityKey.ExportParameters(false);
        var jwks = JsonSerializer.Serialize(new
        {
            keys = new[] { new { kty = "RSA", use = "sig", kid = "entra-test-key", n = Base64UrlEncoder.Encode(parameters.Modulus), e = Base64UrlEncoder.Encode(parameters.Exponent) } },
        });
        _authority.Given(Request.Create().WithPath("/tenant/v2.0/.well-known/openid-configuration").UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(JsonSerializer.Serialize(new
            {
                issuer = Issuer,
                jwks_uri = _authority.Url + "/tenant/discovery/v2.0/keys",
            })));
        _authority.Given(Request.Create().WithPath("/tenant/discovery/v2.0/keys").UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(jwks));
    }

    private string Issuer => _authority.Url + "/tenant/v2.0";

    private static EmulatorFactory Factory(string? authority)
    {
        var factory = new EmulatorFactory();
        if (authority is not null)
        {
            factory.Settings["Authentication:Authority"] = authority;
            factory.Settings["Authentication:RequireHttpsMetadata"] = "false";
        }

        return factory;
    }

    private string Token(EmulatorFactory factory, string audience = "https://communication.azure.com", TimeSpan? lifetime = null, SecurityKey? key = null, string? issuer = null)
    {
        var now = factory.Time.GetUtcNow();
        var expires = now + (lifetime ?? TimeSpan.FromHours(1));
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Claims = new Dictionary<string, object>
            {
                ["aud"] = audience,
                ["iss"] = issuer ?? Issuer,
                ["oid"] = Guid.NewGuid().ToString(),
                ["tid"] = Guid.NewGuid().ToString(),
                ["iat"] = now.ToUnixTimeSeconds(),
                ["nbf"] = now.AddMinutes(-10).ToUnixTimeSeconds(),
                ["exp"] = expires.ToUnixTimeSeconds(),
            },
            SigningCredentials = new SigningCredentials(key ?? _signingKey, SecurityAlgorithms.RsaSha256),
        });
    }

    private static async Task<HttpStatusCode> CreateWithBearerAsync(EmulatorFactory factory, string token)
    {
        var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, CreatePath) { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task WithoutAuthority_AnyWellFormedUnexpiredJwtForAcs_IsAccepted()
    {
        using var factory = Factory(null);
        using var otherKey = RSA.Create(2048);

        Assert.Equal(HttpStatusCode.Created, await CreateWithBearerAsync(factory, Token(factory, key: new RsaSecurityKey(otherKey))));
        Assert.Equal(HttpStatusCode.Created, await CreateWithBearerAsync(factory, Token(factory, audience: "https://communication.azure.com/")));
    }

    [Fact]
    public async Task WithoutAuthority_ExpiredWrongAudienceOrGarbage_IsRejected()
    {
        using var factory = Factory(null);

        Assert.Equal(HttpStatusCode.Unauthorized, await CreateWithBearerAsync(factory, Token(factory, lifetime: TimeSpan.FromHours(-1))));
        Assert.Equal(HttpStatusCode.Unauthorized, await CreateWithBearerAsync(factory, Token(factory, audience: "https://graph.microsoft.com")));
        Assert.Equal(HttpStatusCode.Unauthorized, await CreateWithBearerAsync(factory, "garbage"));
    }

    [Fact]
    public async Task WithAuthority_ValidSignedToken_IsAccepted()
    {
        using var factory = Factory(Issuer);

        Assert.Equal(HttpStatusCode.Created, await CreateWithBearerAsync(factory, Token(factory)));
    }

    [Fact]
    public async Task WithAuthority_WrongSignatureIssuerAudienceOrExpired_IsRejected()
    {
        using var factory = Factory(Issuer);
        using var otherKey = RSA.Create(2048);

        Assert.Equal(HttpStatusCode.Unauthorized, await CreateWithBearerAsync(factory, Token(factory, key: new RsaSecurityKey(otherKey) { KeyId = "entra-test-key" })));
        Assert.Equal(HttpStatusCode.Unauthorized, await CreateWithBearerAsync(factory, Token(factory, issuer: "https://sts.example/other")));
        Assert.Equal(HttpStatusCode.Unauthorized, await CreateWithBearerAsync(factory, Token(factory, audience: "https://graph.microsoft.com")));
        Assert.Equal(HttpStatusCode.Unauthorized, await CreateWithBearerAsync(factory, Token(factory, lifetime: TimeSpan.FromMinutes(-30))));
    }

    [Fact]
    public async Task BearerRejection_IsInvalidAccessToken()
    {
        using var factory = Factory(null);
        var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, CreatePath);
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer garbage");

        using var response = await client.SendAsync(request);

        await Api.AssertErrorAsync(response, ExpectedError.TeamsTokenInvalid);
    }

    public void Dispose()
    {
        _authority.Stop();
        _authority.Dispose();
        _authorityKey.Dispose();
    }
}
