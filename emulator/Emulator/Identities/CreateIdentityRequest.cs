using Emulator.Infrastructure;
using Emulator.Tokens;
using Emulator.Versioning;

namespace Emulator.Identities;

/// <summary>Body of <c>POST /identities</c>: <c>createTokenWithScopes</c>, <c>expiresInMinutes</c>, <c>customId</c>; all optional.</summary>
public sealed record CreateIdentityRequest(string[] Scopes, int ExpiresInMinutes, string? CustomId)
{
    public const int MaxCustomIdLength = 256;

    public static AcsError? TryParse(RequestBody body, ApiVersionInfo version, out CreateIdentityRequest request)
    {
        request = new CreateIdentityRequest([], TokenLifetime.DefaultMinutes, null);
        var error = JsonRequest.TryParse(body, out var json);
        using (json)
        {
            string[]? scopes = null;
            int? minutes = null;
            string? customId = null;
            error ??= json.ReadStringArray("createTokenWithScopes", "CreateTokenWithScopes", out scopes);
            if (version.Has(ApiFeature.ExpiresInMinutes))
            {
                error ??= json.ReadInt("expiresInMinutes", "ExpiresInMinutes", out minutes);
            }

            if (version.Has(ApiFeature.CustomId))
            {
                error ??= json.ReadString("customId", "CustomId", out customId);
            }

            if (error is not null)
            {
                return error;
            }

            if (minutes is int m && !TokenLifetime.IsValid(m))
            {
                return AcsErrors.ExpiresInMinutesOnCreate(m);
            }

            var canonical = Array.Empty<string>();
            if (scopes is not null && (error = Identities.Scopes.Validate(scopes, version, "createTokenWithScopes", out canonical)) is not null)
            {
                return error;
            }

            if (customId is not null && (customId.Length == 0 || customId.Length > MaxCustomIdLength))
            {
                return AcsErrors.CustomIdLength();
            }

            request = new CreateIdentityRequest(canonical, minutes ?? TokenLifetime.DefaultMinutes, customId);
            return null;
        }
    }
}
