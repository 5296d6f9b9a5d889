namespace Emulator.Versioning;

/// <summary>Request/response details that changed between api-versions of the same operation.</summary>
[Flags]
internal enum ApiFeature
{
    None = 0,

    /// <summary><c>expiresInMinutes</c> on create and issue (2022-10-01+).</summary>
    ExpiresInMinutes = 1 << 0,

    /// <summary>Scopes <c>chat.join</c>, <c>chat.join.limited</c>, <c>voip.join</c> (2023-08-01+).</summary>
    JoinScopes = 1 << 1,

    /// <summary><c>customId</c> on create and in identity objects (2025-03-02-preview).</summary>
    CustomId = 1 << 2,

    /// <summary>Teams exchange body carries required <c>appId</c> and <c>userId</c> (2022-06-01+).</summary>
    TeamsAppAndUser = 1 << 3,

    /// <summary>Invalid Teams token answered with an empty 401 body (2021-03-31-preview1).</summary>
    TeamsEmptyUnauthorizedBody = 1 << 4,

    /// <summary>
    /// The exchanged Teams token lasts 24 hours from the exchange, whatever the Teams token's own expiry
    /// (2021-03-31-preview1, as recorded); later versions expire it with the Teams token.
    /// </summary>
    TeamsTokenLastsADay = 1 << 5,

    /// <summary>Scopes are the original enum <c>chat</c>, <c>voip</c>, <c>pstn</c> (2020-07-20-preview2); later versions drop <c>pstn</c>.</summary>
    LegacyScopes = 1 << 6,
}
