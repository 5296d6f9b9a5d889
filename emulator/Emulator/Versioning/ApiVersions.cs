using System.Collections.Frozen;
using static Emulator.Versioning.ApiFeature;
using static Emulator.Versioning.ApiOperation;

namespace Emulator.Versioning;

/// <summary>
/// The one table of supported api-versions and what each contains (reference §1.1). Nothing else in the emulator
/// names a version string.
/// </summary>
internal static class ApiVersions
{
    private const ApiOperation Core = CreateIdentity | DeleteIdentity | IssueAccessToken | RevokeAccessTokens;
    private const ApiOperation TeamsExtension = ExchangeTeamsExtensionToken | TeamsExtensionAssignments;

    private static readonly System.Buffers.SearchValues<char> LabelCharacters =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789");

    /// <summary>Every version, oldest first.</summary>
    public static readonly IReadOnlyList<ApiVersionInfo> All =
    [
        new("2020-07-20-preview2", LegacyCreateIdentity | LegacyIssueToken | LegacyUpdateIdentity | DeleteIdentity, LegacyScopes),
        new("2021-02-22-preview1", Core | IssueTurnCredentials, ApiFeature.None),
        new("2021-03-07", Core, ApiFeature.None),
        new("2021-03-31-preview1", Core | ExchangeTeamsUserToken, TeamsEmptyUnauthorizedBody | TeamsTokenLastsADay),
        new("2021-10-31-preview", Core | ExchangeTeamsUserToken, ApiFeature.None),
        // Listed by the live service but never documented; served like 2021-10-31-preview (unverified).
        new("2021-11-01", Core | ExchangeTeamsUserToken, ApiFeature.None),
        new("2022-06-01", Core | ExchangeTeamsUserToken, TeamsAppAndUser),
        new("2022-10-01", Core | ExchangeTeamsUserToken, TeamsAppAndUser | ExpiresInMinutes),
        // Transient (Mar-Oct 2023); served like 2023-10-01 (unverified).
        new("2023-08-01", Core | ExchangeTeamsUserToken, TeamsAppAndUser | ExpiresInMinutes | JoinScopes),
        new("2023-10-01", Core | ExchangeTeamsUserToken, TeamsAppAndUser | ExpiresInMinutes | JoinScopes),
        new("2025-03-02-preview", Core | ExchangeTeamsUserToken | GetIdentity | ExchangeEntraToken | TeamsExtension, TeamsAppAndUser | ExpiresInMinutes | JoinScopes | CustomId),
        new("2025-06-30", Core | ExchangeTeamsUserToken | TeamsExtension, TeamsAppAndUser | ExpiresInMinutes | JoinScopes),
        new("2026-07-22", Core | ExchangeTeamsUserToken | TeamsExtension, TeamsAppAndUser | ExpiresInMinutes | JoinScopes),
        new("2026-09-23", Core | ExchangeTeamsUserToken | TeamsExtension, TeamsAppAndUser | ExpiresInMinutes | JoinScopes),
    ];

    private static readonly FrozenDictionary<string, ApiVersionInfo> ByName =
        All.ToFrozenDictionary(v => v.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>The newest version.</summary>
    public static ApiVersionInfo Latest { get; } = All[^1];

    public static ApiVersionInfo? Find(string name) => ByName.GetValueOrDefault(name);

    /// <summary>Value of <c>api-supported-versions</c> for a route: the versions that have any of its operations.</summary>
    public static string SupportedHeader(ApiOperation operations)
        => string.Join(", ", All.Where(v => v.HasAny(operations)).Select(v => v.Name));

    /// <summary>Whether <paramref name="value"/> has the shape of an api-version (<c>yyyy-MM-dd</c>, optionally <c>-label</c>).</summary>
    public static bool IsWellFormed(string value)
    {
        if (value.Length < 10 || !DateOnly.TryParseExact(value.AsSpan(0, 10), "yyyy-MM-dd", out _))
        {
            return false;
        }

        // Optional "-label" such as "-preview" or "-preview2": lower-case letters and digits.
        return value.Length == 10
            || (value.Length > 11 && value[10] == '-' && !value.AsSpan(11).ContainsAnyExcept(LabelCharacters));
    }
}
