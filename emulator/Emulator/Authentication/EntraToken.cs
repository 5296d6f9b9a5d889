using Emulator.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Emulator.Authentication;

/// <summary>The outcome of validating an Entra ID token, with the claims the emulator uses.</summary>
internal sealed record EntraToken(bool IsValid, string? Reason, string? AppId, string? ObjectId, string? TenantId, DateTimeOffset ExpiresOn)
{
    public static EntraToken Invalid(string reason) => new(false, reason, null, null, null, default);

    public static EntraToken From(JsonWebToken jwt)
    {
        // v1 tokens name the client 'appid'; v2 tokens 'azp'.
        var appId = Claim(jwt, EntraClaims.AppId) ?? Claim(jwt, EntraClaims.AuthorizedParty);
        var expires = jwt.TryGetPayloadValue<long>(EntraClaims.Expiry, out var exp) ? UnixTime.FromSeconds(exp) : default;
        return new(true, null, appId, Claim(jwt, EntraClaims.ObjectId), Claim(jwt, EntraClaims.TenantId), expires);
    }

    private static string? Claim(JsonWebToken jwt, string name)
        => jwt.TryGetPayloadValue<string>(name, out var value) ? value : null;
}
