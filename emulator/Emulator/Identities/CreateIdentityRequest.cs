using System.Diagnostics.CodeAnalysis;
using Emulator.Infrastructure;
using Emulator.Tokens;
using Emulator.Versioning;

namespace Emulator.Identities;

/// <summary>Body of <c>POST /identities</c>: <c>createTokenWithScopes</c>, <c>expiresInMinutes</c>, <c>customId</c>; all optional.</summary>
internal sealed record CreateIdentityRequest(string[] Scopes, int ExpiresInMinutes, string? CustomId)
{
    public const int MaxCustomIdLength = 256;

    /// <summary>Reads the body as <paramref name="version"/> defines it: the request, or the error the service answers.</summary>
    public static bool TryParse(RequestBody body, ApiVersionInfo version, out CreateIdentityRequest request, [NotNullWhen(false)] out AcsError? error)
    {
        request = new CreateIdentityRequest([], TokenLifetime.DefaultMinutes, null);
        error = JsonRequest.Read(body, out var json);
        using (json)
        {
            string[]? scopes = null;
            int? minutes = null;
            string? customId = null;
            error ??= json.ReadStringArray("createTokenWithScopes", "CreateTokenWithScopes", out scopes);
            if (version.HasAll(ApiFeature.ExpiresInMinutes))
            {
                error ??= json.ReadInt("expiresInMinutes", "ExpiresInMinutes", out minutes);
            }

            if (version.HasAll(ApiFeature.CustomId))
            {
                error ??= json.ReadString("customId", "CustomId", out customId);
            }

            if (error is not null)
            {
                return false;
            }

            if (minutes is int m && !TokenLifetime.IsValid(m))
            {
                error = AcsErrors.ExpiresInMinutesOnCreate(m);
                return false;
            }

            var canonical = Array.Empty<string>();
            if (scopes is not null && !TokenScopes.TryCanonicalize(scopes, version, "createTokenWithScopes", out canonical, out error))
            {
                return false;
            }

            if (customId is not null && (customId.Length == 0 || customId.Length > MaxCustomIdLength))
            {
                error = AcsErrors.CustomIdLength();
                return false;
            }

            request = new CreateIdentityRequest(canonical, minutes ?? TokenLifetime.DefaultMinutes, customId);
            return true;
        }
    }
}
