using System.Globalization;
using Emulator.Configuration;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Emulator.Tokens;

/// <summary>
/// Builds ACS access tokens: RS256 JWTs with the claims of live tokens (reference §8.1), in the same order:
/// <c>skypeid, scp, csi, exp, rgn, acsScope, resourceId, resourceLocation, iat</c>, plus <c>jti</c>, the emulator's
/// issue sequence number that makes revocation exact within a millisecond.
/// </summary>
public sealed class TokenIssuer(SigningKeys keys, ResourceSettings resource)
{
    /// <summary>The <c>scp</c> value of every observed live token, whatever the scopes.</summary>
    public const int ScpClaim = 1792;

    public const string SequenceClaim = "jti";

    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    /// <summary>Signs a token for <paramref name="skypeId"/> (a raw id without its <c>8:</c> prefix).</summary>
    public IssuedToken Issue(string skypeId, string acsScope, DateTimeOffset issuedAt, DateTimeOffset expiresOn, long sequence)
    {
        var iat = issuedAt.ToUnixTimeSeconds();
        var claims = new Dictionary<string, object>(10)
        {
            ["skypeid"] = skypeId,
            ["scp"] = ScpClaim,
            ["csi"] = iat.ToString(CultureInfo.InvariantCulture),
            ["exp"] = expiresOn.ToUnixTimeSeconds(),
            ["rgn"] = resource.Region,
            ["acsScope"] = acsScope,
            ["resourceId"] = resource.ResourceId,
            ["resourceLocation"] = resource.Location,
            ["iat"] = iat,
            [SequenceClaim] = sequence.ToString(CultureInfo.InvariantCulture),
        };
        var descriptor = new SecurityTokenDescriptor
        {
            Claims = claims,
            SigningCredentials = keys.Credentials,
            TokenType = "JWT",
        };
        return new IssuedToken(Handler.CreateToken(descriptor), expiresOn);
    }
}
