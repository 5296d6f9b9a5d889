using Emulator.Configuration;
using Emulator.Infrastructure;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Emulator.Authentication;

/// <summary>
/// Validates Microsoft Entra ID tokens: callers' bearer tokens and Teams users' tokens. Without an authority it
/// accepts any well-formed, unexpired JWT (signature not checked); with one it checks signature, issuer, audience
/// and lifetime against the authority's discovery document and JWKS. Lifetimes use the real clock: these tokens
/// come from the caller's world, not the emulated one.
/// </summary>
internal sealed class EntraTokenValidator
{
    private static readonly TimeSpan Skew = TimeSpan.FromMinutes(5);

    private readonly TimeProvider _realTime;
    private readonly AuthenticationOptions _options;
    private readonly ConfigurationManager<OpenIdConnectConfiguration>? _authority;
    private readonly JsonWebTokenHandler _handler = new();

    public EntraTokenValidator(TimeProvider realTime, IOptions<AuthenticationOptions> options, IHttpClientFactory httpClients)
    {
        _realTime = realTime;
        _options = options.Value;
        if (!string.IsNullOrEmpty(_options.Authority))
        {
            var metadata = _options.Authority.TrimEnd('/') + "/.well-known/openid-configuration";
            var retriever = new HttpDocumentRetriever(httpClients.CreateClient(nameof(EntraTokenValidator))) { RequireHttps = _options.RequireHttpsMetadata };
            _authority = new ConfigurationManager<OpenIdConnectConfiguration>(metadata, new OpenIdConnectConfigurationRetriever(), retriever);
        }
    }

    public bool HasAuthority => _authority is not null;

    /// <summary>Validates a caller's bearer token for the ACS audience.</summary>
    public Task<EntraToken> ValidateBearerAsync(string token, CancellationToken cancellationToken)
        => ValidateAsync(token, _options.EffectiveAudiences, checkAudienceWithoutAuthority: true, cancellationToken);

    /// <summary>Validates a Teams user's Entra token presented to the Teams exchange.</summary>
    public Task<EntraToken> ValidateTeamsUserAsync(string token, CancellationToken cancellationToken)
        => ValidateAsync(token, _options.EffectiveTeamsAudiences, checkAudienceWithoutAuthority: false, cancellationToken);

    private async Task<EntraToken> ValidateAsync(string token, IReadOnlyList<string> audiences, bool checkAudienceWithoutAuthority, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(token) || !_handler.CanReadToken(token))
        {
            return EntraToken.Invalid("not a JWT");
        }

        JsonWebToken jwt;
        try
        {
            jwt = _handler.ReadJsonWebToken(token);
        }
        catch (ArgumentException)
        {
            return EntraToken.Invalid("not a JWT");
        }

        if (_authority is null)
        {
            if (!jwt.TryGetPayloadValue<long>(EntraClaims.Expiry, out var exp))
            {
                return EntraToken.Invalid("no exp claim");
            }

            // Skew is taken off "now", never added to exp: a token may expire at the end of year 9999.
            if (UnixTime.FromSeconds(exp) < _realTime.GetUtcNow() - Skew)
            {
                return EntraToken.Invalid("expired");
            }

            if (checkAudienceWithoutAuthority && !jwt.Audiences.Any(a => audiences.Contains(a, StringComparer.OrdinalIgnoreCase)))
            {
                return EntraToken.Invalid("wrong audience");
            }

            return EntraToken.From(jwt);
        }

        OpenIdConnectConfiguration configuration;
        try
        {
            configuration = await _authority.GetConfigurationAsync(cancellationToken);
        }
        catch (InvalidOperationException ex)
        {
            return EntraToken.Invalid($"authority metadata unavailable: {ex.Message}");
        }

        var parameters = new TokenValidationParameters
        {
            ValidAudiences = audiences,
            IssuerSigningKeys = configuration.SigningKeys,
            IssuerValidator = (issuer, securityToken, _) => IssuerMatches(issuer, configuration.Issuer, securityToken)
                ? issuer
                : throw new SecurityTokenInvalidIssuerException($"Issuer '{issuer}' is not the authority's."),
            LifetimeValidator = (notBefore, expires, _, _) =>
            {
                // Skew moves "now", not the claims, so no claim near DateTime's limits can overflow.
                var now = _realTime.GetUtcNow().UtcDateTime;
                return expires is not null && expires.Value >= now - Skew && (notBefore is null || notBefore.Value <= now + Skew);
            },
            ClockSkew = Skew,
        };
        var result = await _handler.ValidateTokenAsync(token, parameters);
        return result.IsValid ? EntraToken.From(jwt) : EntraToken.Invalid(result.Exception?.GetType().Name ?? "invalid");
    }

    /// <summary>Entra's multi-tenant discovery documents carry <c>{tenantid}</c> in the issuer.</summary>
    private static bool IssuerMatches(string issuer, string expected, SecurityToken token)
    {
        if (string.Equals(issuer, expected, StringComparison.Ordinal))
        {
            return true;
        }

        var tenant = token is JsonWebToken jwt && jwt.TryGetPayloadValue<string>(EntraClaims.TenantId, out var tid) ? tid : null;
        return tenant is not null && expected.Contains("{tenantid}", StringComparison.OrdinalIgnoreCase)
            && string.Equals(issuer, expected.Replace("{tenantid}", tenant, StringComparison.OrdinalIgnoreCase), StringComparison.Ordinal);
    }
}
