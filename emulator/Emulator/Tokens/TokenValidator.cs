using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Emulator.Admin;
using Emulator.Configuration;
using Emulator.Identities;
using Emulator.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Emulator.Tokens;

/// <summary>
/// Says whether a token the emulator issued is still valid and, if not, why — what chat and calling services would
/// decide. Expiry is judged on the emulated clock.
/// </summary>
public sealed class TokenValidator(SigningKeys keys, IdentityStore store, EmulatorClock clock, ResourceSettings resource)
{
    private static readonly JsonWebTokenHandler Handler = new();

    public TokenValidationView Validate(string token)
    {
        if (!Handler.CanReadToken(token))
        {
            return TokenValidationView.Invalid(TokenInvalidReason.Malformed, "The value is not a JWS compact token.");
        }

        JsonWebToken jwt;
        try
        {
            jwt = Handler.ReadJsonWebToken(token);
        }
        catch (ArgumentException)
        {
            return TokenValidationView.Invalid(TokenInvalidReason.Malformed, "The token cannot be decoded.");
        }

        if (!string.Equals(jwt.Kid, keys.KeyId, StringComparison.OrdinalIgnoreCase))
        {
            return TokenValidationView.Invalid(TokenInvalidReason.UnknownSigningKey, $"The token's kid '{jwt.Kid}' is not this emulator's signing key.");
        }

        if (!SignatureValid(token))
        {
            return TokenValidationView.Invalid(TokenInvalidReason.InvalidSignature, "The signature does not verify with the emulator's key.");
        }

        var resourceId = Claim(jwt, "resourceId");
        if (!string.Equals(resourceId, resource.ResourceId, StringComparison.OrdinalIgnoreCase))
        {
            return TokenValidationView.Invalid(TokenInvalidReason.OtherResource, $"The token belongs to resource '{resourceId}'.");
        }

        var skypeId = Claim(jwt, "skypeid") ?? string.Empty;
        var identity = "8:" + skypeId;
        jwt.TryGetPayloadValue<long>("iat", out var iat);
        jwt.TryGetPayloadValue<long>("exp", out var exp);
        var scopes = (Claim(jwt, "acsScope") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries);

        // Tokens of stored identities are checked against the store; exchanged (Teams, Entra) tokens have no record.
        if (IdentityId.TryParse(identity, resource, out var id, out _))
        {
            var record = store.Get(id);
            if (record is null)
            {
                return TokenValidationView.Invalid(TokenInvalidReason.UnknownIdentity, "The identity is not known to this emulator (reset, or another instance).", identity);
            }

            if (record.IsDeleted)
            {
                return TokenValidationView.Invalid(TokenInvalidReason.IdentityDeleted, $"The identity was deleted at {record.DeletedAt:O}.", identity);
            }

            var sequence = long.TryParse(Claim(jwt, TokenIssuer.SequenceClaim), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0;
            if (sequence <= record.ValidFromSequence || (record.TokensValidFrom is { } from && iat < from.ToUnixTimeSeconds()))
            {
                return TokenValidationView.Invalid(TokenInvalidReason.Revoked, $"The identity's tokens were revoked at {record.RevokedAt:O}.", identity);
            }
        }

        var expiresOn = UnixTime.FromSeconds(exp);
        if (expiresOn <= clock.GetUtcNow())
        {
            return TokenValidationView.Invalid(TokenInvalidReason.Expired, $"The token expired at {expiresOn:O} (emulated clock).", identity);
        }

        return new TokenValidationView(true, null, null, identity, scopes, UnixTime.FromSeconds(iat), expiresOn);
    }

    private bool SignatureValid(string token)
    {
        var lastDot = token.LastIndexOf('.');
        if (lastDot <= 0)
        {
            return false;
        }

        byte[] signature;
        try
        {
            signature = Base64UrlEncoder.DecodeBytes(token[(lastDot + 1)..]);
        }
        catch (FormatException)
        {
            return false;
        }

        var signed = Encoding.ASCII.GetBytes(token[..lastDot]);
        return keys.Rsa.VerifyData(signed, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    private static string? Claim(JsonWebToken jwt, string name) => jwt.TryGetPayloadValue<string>(name, out var value) ? value : null;
}
