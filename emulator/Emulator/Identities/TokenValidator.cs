using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Emulator.Configuration;
using Emulator.Infrastructure;
using Emulator.Tokens;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Emulator.Identities;

/// <summary>
/// Says whether a token the emulator issued is still valid and, if not, why — what chat and calling services would
/// decide. Expiry is judged on the emulated clock.
/// </summary>
internal sealed class TokenValidator(SigningKeys keys, IdentityStore store, EmulatorClock clock, ResourceSettings resource)
{
    private static readonly JsonWebTokenHandler Handler = new();

    public TokenValidation Validate(string token)
    {
        if (!Handler.CanReadToken(token))
        {
            return TokenValidation.Invalid(TokenInvalidReason.Malformed, "The value is not a JWS compact token.");
        }

        JsonWebToken jwt;
        try
        {
            jwt = Handler.ReadJsonWebToken(token);
        }
        catch (ArgumentException)
        {
            return TokenValidation.Invalid(TokenInvalidReason.Malformed, "The token cannot be decoded.");
        }

        if (!string.Equals(jwt.Kid, keys.KeyId, StringComparison.OrdinalIgnoreCase))
        {
            return TokenValidation.Invalid(TokenInvalidReason.UnknownSigningKey, $"The token's kid '{jwt.Kid}' is not this emulator's signing key.");
        }

        if (!SignatureValid(token))
        {
            return TokenValidation.Invalid(TokenInvalidReason.InvalidSignature, "The signature does not verify with the emulator's key.");
        }

        var resourceId = Claim(jwt, AcsClaims.ResourceId);
        if (!string.Equals(resourceId, resource.ResourceId, StringComparison.OrdinalIgnoreCase))
        {
            return TokenValidation.Invalid(TokenInvalidReason.OtherResource, $"The token belongs to resource '{resourceId}'.");
        }

        var subject = IdentityId.FromSkypeId(Claim(jwt, AcsClaims.SkypeId), resource);
        jwt.TryGetPayloadValue<long>(AcsClaims.IssuedAt, out var iat);
        jwt.TryGetPayloadValue<long>(AcsClaims.Expiry, out var exp);
        var scopes = AcsClaims.ParseScopes(Claim(jwt, AcsClaims.AcsScope));

        // Tokens of stored identities are checked against the store; exchanged (Teams, Entra) tokens have no record.
        if (subject.IsStoredIdentity)
        {
            var record = store.Get(subject.Identity);
            if (record is null)
            {
                return TokenValidation.Invalid(TokenInvalidReason.UnknownIdentity, "The identity is not known to this emulator (reset, or another instance).", subject);
            }

            if (record.IsDeleted)
            {
                return TokenValidation.Invalid(TokenInvalidReason.IdentityDeleted, $"The identity was deleted at {record.DeletedAt:O}.", subject);
            }

            var sequence = long.TryParse(Claim(jwt, AcsClaims.Sequence), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0;
            if (sequence <= record.ValidFromSequence || (record.TokensValidFrom is { } from && iat < from.ToUnixTimeSeconds()))
            {
                return TokenValidation.Invalid(TokenInvalidReason.Revoked, $"The identity's tokens were revoked at {record.RevokedAt:O}.", subject);
            }
        }

        var expiresOn = UnixTime.FromSeconds(exp);
        if (expiresOn <= clock.GetUtcNow())
        {
            return TokenValidation.Invalid(TokenInvalidReason.Expired, $"The token expired at {expiresOn:O} (emulated clock).", subject);
        }

        return new TokenValidation(true, null, null, subject, scopes, UnixTime.FromSeconds(iat), expiresOn);
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
