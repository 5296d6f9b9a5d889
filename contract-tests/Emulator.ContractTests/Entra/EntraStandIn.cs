using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Emulator.ContractTests.Entra;

/// <summary>
/// A Microsoft Entra ID stand-in on WireMock.Net: an OpenID discovery document and a JWKS with an RSA key this test
/// owns, at <c>{server}/{tenant}/v2.0</c> like <c>login.microsoftonline.com</c>, and tokens signed with that key.
/// </summary>
public sealed class EntraStandIn : IDisposable
{
    public const string KeyId = "entra-stand-in-key";

    private static readonly string[] Algorithms = ["RS256"];
    private static readonly string[] ResponseTypes = ["code", "id_token", "token"];
    private static readonly string[] SubjectTypes = ["pairwise"];

    private readonly WireMockServer _server;
    private readonly RSA _rsa = RSA.Create(2048);
    private readonly RSA _otherRsa = RSA.Create(2048);

    /// <summary>Starts the stand-in. <paramref name="tenantSegment"/> is the authority's tenant path segment
    /// (a tenant id, or <c>organizations</c> for a multi-tenant authority whose issuer is a <c>{tenantid}</c> template).</summary>
    public EntraStandIn(string? tenantSegment = null)
    {
        TenantId = Guid.NewGuid();
        _server = WireMockServer.Start();
        var segment = tenantSegment ?? TenantId.ToString();
        Authority = $"{_server.Url}/{segment}/v2.0";
        IssuerInDiscovery = tenantSegment is null ? Authority : $"{_server.Url}/{{tenantid}}/v2.0";
        SigningKey = new RsaSecurityKey(_rsa) { KeyId = KeyId };
        // Same kid, different key: a token signed with it must fail on its signature, not on an unknown key.
        OtherKey = new RsaSecurityKey(_otherRsa) { KeyId = KeyId };

        var jwksUri = $"{_server.Url}/{segment}/discovery/v2.0/keys";
        var discovery = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["issuer"] = IssuerInDiscovery,
            ["jwks_uri"] = jwksUri,
            ["authorization_endpoint"] = $"{_server.Url}/{segment}/oauth2/v2.0/authorize",
            ["token_endpoint"] = $"{_server.Url}/{segment}/oauth2/v2.0/token",
            ["id_token_signing_alg_values_supported"] = Algorithms,
            ["response_types_supported"] = ResponseTypes,
            ["subject_types_supported"] = SubjectTypes,
        });
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(_rsa.ExportParameters(false)) { KeyId = KeyId });
        var jwks = JsonSerializer.Serialize(new
        {
            keys = new[] { new Dictionary<string, string> { ["kty"] = "RSA", ["use"] = "sig", ["kid"] = KeyId, ["n"] = jwk.N, ["e"] = jwk.E } },
        });

        _server.Given(Request.Create().WithPath($"/{segment}/v2.0/.well-known/openid-configuration").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(discovery));
        _server.Given(Request.Create().WithPath($"/{segment}/discovery/v2.0/keys").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(jwks));
    }

    public Guid TenantId { get; }

    /// <summary>The OpenID authority to configure the emulator with.</summary>
    public string Authority { get; }

    /// <summary>The <c>issuer</c> of the discovery document (possibly a <c>{tenantid}</c> template).</summary>
    public string IssuerInDiscovery { get; }

    /// <summary>The issuer tokens of <paramref name="tenantId"/> carry: <c>{server}/{tenant}/v2.0</c>.</summary>
    public string IssuerFor(Guid tenantId) => $"{_server.Url}/{tenantId}/v2.0";

    /// <summary>The key the JWKS publishes.</summary>
    public SecurityKey SigningKey { get; }

    /// <summary>A key the JWKS does not publish, with the same <c>kid</c>.</summary>
    public SecurityKey OtherKey { get; }

    /// <summary>Signs an Entra-style access token. Defaults: this tenant, valid for an hour, signed with <see cref="SigningKey"/>.</summary>
    public string CreateToken(
        string audience,
        Guid? appId = null,
        Guid? objectId = null,
        DateTimeOffset? expires = null,
        SecurityKey? key = null,
        string? issuer = null,
        Guid? tenantId = null,
        string appIdClaim = "appid")
    {
        var now = DateTimeOffset.UtcNow;
        var expiresOn = expires ?? now.AddHours(1);
        var tenant = tenantId ?? TenantId;
        var claims = new Dictionary<string, object>
        {
            [appIdClaim] = (appId ?? Guid.NewGuid()).ToString(),
            ["oid"] = (objectId ?? Guid.NewGuid()).ToString(),
            ["tid"] = tenant.ToString(),
            ["scp"] = "Teams.ManageCalls Teams.ManageChats",
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Audience = audience,
            Issuer = issuer ?? IssuerFor(tenant),
            IssuedAt = expiresOn.AddHours(-1).UtcDateTime,
            NotBefore = expiresOn.AddHours(-1).UtcDateTime,
            Expires = expiresOn.UtcDateTime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(key ?? SigningKey, SecurityAlgorithms.RsaSha256),
        });
    }

    public void Dispose()
    {
        _server.Stop();
        _server.Dispose();
        _rsa.Dispose();
        _otherRsa.Dispose();
    }
}
