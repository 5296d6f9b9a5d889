using System.Net;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Emulator.Tests;

/// <summary>Tokens look like the live service's (reference §8.1) on the fake clock; a tampered token fails the JWKS and the emulator.</summary>
public sealed class TokenFormatTests : IClassFixture<EmulatorFactory>
{
    private readonly EmulatorFactory _factory;
    private readonly HttpClient _client;

    public TokenFormatTests(EmulatorFactory factory)
    {
        _factory = factory;
        _client = factory.CreateSignedClient();
    }

    [Fact]
    public async Task Token_HasTheLiveClaimsInTheLiveOrder()
    {
        using var response = await _client.PostJson("/identities?api-version=2023-10-01", "{\"createTokenWithScopes\":[\"chat.join.limited\",\"voip\"],\"expiresInMinutes\":120}");
        var body = await response.JsonAsync();
        var id = body.GetProperty("identity").GetProperty("id").GetString()!;
        var token = body.GetProperty("accessToken").GetProperty("token").GetString()!;
        var now = _factory.Time.GetUtcNow().ToUnixTimeSeconds();

        var header = Api.DecodeHeader(token);
        var payload = Api.DecodePayload(token);

        Assert.Equal("RS256", header.GetProperty("alg").GetString());
        Assert.Equal("JWT", header.GetProperty("typ").GetString());
        Assert.Matches("^[0-9A-F]{40}$", header.GetProperty("kid").GetString());
        Assert.Equal(Base64UrlEncoder.Encode(Convert.FromHexString(header.GetProperty("kid").GetString()!)), header.GetProperty("x5t").GetString());
        Assert.Equal(
            ["skypeid", "scp", "csi", "exp", "rgn", "acsScope", "resourceId", "resourceLocation", "iat", "jti"],
            payload.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(id[2..], payload.GetProperty("skypeid").GetString());
        Assert.Equal(1792, payload.GetProperty("scp").GetInt32());
        Assert.Equal(JsonValueKind.String, payload.GetProperty("csi").ValueKind);
        Assert.Equal(now.ToString(System.Globalization.CultureInfo.InvariantCulture), payload.GetProperty("csi").GetString());
        Assert.Equal(now, payload.GetProperty("iat").GetInt64());
        Assert.Equal(now + 7200, payload.GetProperty("exp").GetInt64());
        Assert.Equal("amer", payload.GetProperty("rgn").GetString());
        Assert.Equal("chat.join.limited,voip", payload.GetProperty("acsScope").GetString());
        Assert.Equal(EmulatorFactory.ResourceId, payload.GetProperty("resourceId").GetString());
        Assert.Equal("unitedstates", payload.GetProperty("resourceLocation").GetString());
    }

    [Fact]
    public async Task ExpiresOn_KeepsTheFractionAndEqualsExp()
    {
        _factory.Time.Advance(TimeSpan.FromTicks(7_844_833));
        var id = await _client.CreateIdentityAsync();

        using var response = await _client.PostJson($"{Api.Path(id, "/:issueAccessToken")}?api-version=2023-10-01", "{\"scopes\":[\"chat\"],\"expiresInMinutes\":60}");
        var text = await response.Content.ReadAsStringAsync();
        var body = JsonDocument.Parse(text).RootElement;
        var expiresOn = body.GetProperty("expiresOn").GetDateTimeOffset();

        Assert.Contains("\"expiresOn\":\"2026-03-02T10:30:00.7844833+00:00\"", text, StringComparison.Ordinal);
        Assert.Equal(expiresOn.ToUnixTimeSeconds(), Api.DecodePayload(body.GetProperty("token").GetString()!).GetProperty("exp").GetInt64());
    }

    [Fact]
    public async Task Discovery_NamesTheJwksUri()
    {
        // The JWKS round trip itself (a token verifies with a standard validator) is a contract scenario:
        // ContractScenarios.Token_Signature_VerifiesWithTheEmulatorJwks.
        using var discovery = await _client.GetAsync("/emulator/.well-known/openid-configuration");

        Assert.Equal(HttpStatusCode.OK, discovery.StatusCode);
        Assert.Equal("http://localhost/emulator/jwks", (await discovery.JsonAsync()).GetProperty("jwks_uri").GetString());
    }

    [Fact]
    public async Task TamperedToken_FailsTheJwksValidator_AndTheEmulator()
    {
        var token = await _client.IssueTokenAsync(await _client.CreateIdentityAsync());
        var parts = token.Split('.');
        var payload = Api.DecodePayload(token).GetRawText().Replace("\"chat\"", "\"voip\"", StringComparison.Ordinal);
        var forged = $"{parts[0]}.{Base64UrlEncoder.Encode(payload)}.{parts[2]}";
        var jwks = new JsonWebKeySet(await _client.GetStringAsync("/emulator/jwks"));

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(forged, new TokenValidationParameters
        {
            IssuerSigningKeys = jwks.GetSigningKeys(),
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = false,
        });

        Assert.False(result.IsValid);
        Assert.Equal("invalidSignature", (await _client.ValidateAsync(forged)).GetProperty("reason").GetString());
    }

    [Theory]
    [InlineData("not-a-token", "malformed")]
    [InlineData("eyJhbGciOiJSUzI1NiIsImtpZCI6IkFCQyIsInR5cCI6IkpXVCJ9.eyJleHAiOjF9.c2ln", "unknownSigningKey")]
    public async Task Validate_SaysWhy(string token, string reason)
    {
        var verdict = await _client.ValidateAsync(token);

        Assert.False(verdict.GetProperty("valid").GetBoolean());
        Assert.Equal(reason, verdict.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Validate_WithoutToken_IsProblem400()
    {
        using var response = await _client.PostJson("/emulator/tokens/validate", "{}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
