using Emulator.Infrastructure;
using Emulator.Versioning;

namespace Emulator.Identities;

/// <summary>The token scopes each api-version accepts (reference §3), and the <c>acsScope</c> claim they make.</summary>
public static class Scopes
{
    private static readonly string[] Base = ["chat", "voip"];
    private static readonly string[] Join = ["chat.join", "chat.join.limited", "voip.join"];

    // The 2020-07-20-preview2 swagger's enum; "pstn" is accepted as that SDK offered it (unverified).
    private static readonly string[] Legacy = ["chat", "voip", "pstn"];

    /// <summary>Checks every scope against the version; returns the canonical (lower-case) names or the error.</summary>
    public static AcsError? Validate(IReadOnlyList<string> requested, ApiVersionInfo version, string target, out string[] canonical)
    {
        canonical = new string[requested.Count];
        for (var i = 0; i < requested.Count; i++)
        {
            var match = Find(requested[i], version);
            if (match is null)
            {
                return AcsErrors.ScopeInvalid(target, requested[i]);
            }

            canonical[i] = match;
        }

        return null;
    }

    /// <summary>The <c>acsScope</c> claim: the scopes comma-joined without spaces, in request order.</summary>
    public static string Claim(IReadOnlyList<string> scopes) => string.Join(',', scopes);

    private static string? Find(string scope, ApiVersionInfo version)
    {
        var allowed = version.Has(ApiOperation.LegacyIssueToken) ? Legacy : Base;
        var match = Array.Find(allowed, s => s.Equals(scope, StringComparison.OrdinalIgnoreCase));
        if (match is null && version.Has(ApiFeature.JoinScopes))
        {
            match = Array.Find(Join, s => s.Equals(scope, StringComparison.OrdinalIgnoreCase));
        }

        return match;
    }
}
