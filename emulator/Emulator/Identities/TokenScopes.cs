using Emulator.Infrastructure;
using Emulator.Versioning;

namespace Emulator.Identities;

/// <summary>The token scopes each api-version accepts (reference §3); <see cref="ApiFeature"/> says which set.</summary>
internal static class TokenScopes
{
    private static readonly string[] Base = ["chat", "voip"];
    private static readonly string[] Join = ["chat.join", "chat.join.limited", "voip.join"];

    // The 2020-07-20-preview2 swagger's enum; "pstn" is accepted as that SDK offered it (unverified).
    private static readonly string[] Legacy = ["chat", "voip", "pstn"];

    /// <summary>Checks every scope against the version: the canonical (lower-case) names, or the error for the first unknown one.</summary>
    public static bool TryCanonicalize(IReadOnlyList<string> requested, ApiVersionInfo version, string target, out string[] canonical, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out AcsError? error)
    {
        canonical = new string[requested.Count];
        error = null;
        for (var i = 0; i < requested.Count; i++)
        {
            var match = Find(requested[i], version);
            if (match is null)
            {
                error = AcsErrors.ScopeInvalid(target, requested[i]);
                return false;
            }

            canonical[i] = match;
        }

        return true;
    }

    private static string? Find(string scope, ApiVersionInfo version)
    {
        var allowed = version.HasAll(ApiFeature.LegacyScopes) ? Legacy : Base;
        var match = Array.Find(allowed, s => s.Equals(scope, StringComparison.OrdinalIgnoreCase));
        if (match is null && version.HasAll(ApiFeature.JoinScopes))
        {
            match = Array.Find(Join, s => s.Equals(scope, StringComparison.OrdinalIgnoreCase));
        }

        return match;
    }
}
