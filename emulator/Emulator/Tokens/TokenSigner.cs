using System.Globalization;
using Emulator.Configuration;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Emulator.Tokens;

/// <summary>
/// Builds and signs ACS access tokens: RS256 JWTs with the claims of live tokens (reference §8.1), in the same order
/// (<see cref="AcsClaims.All"/>). Whom a token is for and which sequence it carries is decided by the caller
/// (<c>Identities/AccessTokenIssuer</c>).
/// </summary>
internal sealed class TokenSigner(SigningKeys keys, ResourceSettings resource)
{
    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    /// <summary>Signs a token for <paramref name="skypeId"/> (a raw id without its <c>8:</c> prefix).</summary>
    public IssuedToken Sign(string skypeId, IReadOnlyList<string> scopes, DateTimeOffset issuedAt, DateTimeOffset expiresOn, long sequence)
    {
        var iat = issuedAt.ToUnixTimeSeconds();
        var claims = new Dictionary<string, object>(AcsClaims.All.Count)
        {
            [AcsClaims.SkypeId] = skypeId,
            [AcsClaims.Scp] = AcsClaims.ScpValue,
            [AcsClaims.Csi] = iat.ToString(CultureInfo.InvariantCulture),
            [AcsClaims.Expiry] = expiresOn.ToUnixTimeSeconds(),
            [AcsClaims.Region] = resource.Region,
            [AcsClaims.AcsScope] = AcsClaims.FormatScopes(scopes),
            [AcsClaims.ResourceId] = resource.ResourceId,
            [AcsClaims.ResourceLocation] = resource.Location,
            [AcsClaims.IssuedAt] = iat,
            [AcsClaims.Sequence] = sequence.ToString(CultureInfo.InvariantCulture),
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
