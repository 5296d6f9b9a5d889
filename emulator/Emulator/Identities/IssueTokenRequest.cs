using System.Diagnostics.CodeAnalysis;
using Emulator.Infrastructure;
using Emulator.Tokens;
using Emulator.Versioning;

namespace Emulator.Identities;

/// <summary>Body of <c>:issueAccessToken</c> (and 2020-07-20-preview2's <c>/token</c>): <c>scopes</c> (required), <c>expiresInMinutes</c>.</summary>
internal sealed record IssueTokenRequest(string[] Scopes, int ExpiresInMinutes)
{
    /// <summary>Reads the body as <paramref name="version"/> defines it: the request, or the error the service answers.</summary>
    public static bool TryParse(RequestBody body, ApiVersionInfo version, out IssueTokenRequest request, [NotNullWhen(false)] out AcsError? error)
    {
        request = new IssueTokenRequest([], TokenLifetime.DefaultMinutes);
        error = JsonRequest.Read(body, out var json);
        using (json)
        {
            string[]? scopes = null;
            int? minutes = null;
            error ??= json.ReadStringArray("scopes", "Scopes", out scopes);
            if (version.HasAll(ApiFeature.ExpiresInMinutes))
            {
                error ??= json.ReadInt("expiresInMinutes", "ExpiresInMinutes", out minutes);
            }

            if (error is not null)
            {
                return false;
            }

            if (scopes is null || scopes.Length == 0)
            {
                error = scopes is null ? AcsErrors.Required("Scopes") : AcsErrors.ScopesEmpty();
                return false;
            }

            if (minutes is int m && !TokenLifetime.IsValid(m))
            {
                error = AcsErrors.ExpiresInMinutesOnIssue(m);
                return false;
            }

            if (!TokenScopes.TryCanonicalize(scopes, version, "scopes", out var canonical, out error))
            {
                return false;
            }

            request = new IssueTokenRequest(canonical, minutes ?? TokenLifetime.DefaultMinutes);
            return true;
        }
    }
}
