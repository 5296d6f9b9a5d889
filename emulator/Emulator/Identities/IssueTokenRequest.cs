using Emulator.Infrastructure;
using Emulator.Tokens;
using Emulator.Versioning;

namespace Emulator.Identities;

/// <summary>Body of <c>:issueAccessToken</c> (and 2020-07-20-preview2's <c>/token</c>): <c>scopes</c> (required), <c>expiresInMinutes</c>.</summary>
public sealed record IssueTokenRequest(string[] Scopes, int ExpiresInMinutes)
{
    public static AcsError? TryParse(RequestBody body, ApiVersionInfo version, out IssueTokenRequest request)
    {
        request = new IssueTokenRequest([], TokenLifetime.DefaultMinutes);
        var error = JsonRequest.TryParse(body, out var json);
        using (json)
        {
            string[]? scopes = null;
            int? minutes = null;
            error ??= json.ReadStringArray("scopes", "Scopes", out scopes);
            if (version.Has(ApiFeature.ExpiresInMinutes))
            {
                error ??= json.ReadInt("expiresInMinutes", "ExpiresInMinutes", out minutes);
            }

            if (error is not null)
            {
                return error;
            }

            if (scopes is null)
            {
                return AcsErrors.Required("Scopes");
            }

            if (scopes.Length == 0)
            {
                return AcsErrors.ScopesEmpty();
            }

            if (minutes is int m && !TokenLifetime.IsValid(m))
            {
                return AcsErrors.ExpiresInMinutesOnIssue(m);
            }

            if ((error = Identities.Scopes.Validate(scopes, version, "scopes", out var canonical)) is not null)
            {
                return error;
            }

            request = new IssueTokenRequest(canonical, minutes ?? TokenLifetime.DefaultMinutes);
            return null;
        }
    }
}
