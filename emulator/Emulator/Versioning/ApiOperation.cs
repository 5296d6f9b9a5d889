namespace Emulator.Versioning;

/// <summary>Every operation of the emulated API; <see cref="ApiVersions"/> says which api-version has which.</summary>
[Flags]
internal enum ApiOperation
{
    None = 0,

    /// <summary><c>POST /identities</c> → 200 <c>{id}</c> (2020-07-20-preview2).</summary>
    LegacyCreateIdentity = 1 << 0,

    /// <summary><c>POST /identities/{id}/token</c> → 200 <c>{id,token,expiresOn}</c> (2020-07-20-preview2).</summary>
    LegacyIssueToken = 1 << 1,

    /// <summary><c>PATCH /identities/{id}</c> with <c>tokensValidFrom</c> → 204 (2020-07-20-preview2).</summary>
    LegacyUpdateIdentity = 1 << 2,

    /// <summary><c>POST /identities</c> → 201.</summary>
    CreateIdentity = 1 << 3,

    /// <summary><c>DELETE /identities/{id}</c> → 204.</summary>
    DeleteIdentity = 1 << 4,

    /// <summary><c>POST /identities/{id}/:issueAccessToken</c> → 200.</summary>
    IssueAccessToken = 1 << 5,

    /// <summary><c>POST /identities/{id}/:revokeAccessTokens</c> → 204.</summary>
    RevokeAccessTokens = 1 << 6,

    /// <summary><c>GET /identities/{id}</c> → 200.</summary>
    GetIdentity = 1 << 7,

    /// <summary><c>POST /teamsUser/:exchangeAccessToken</c> → 200.</summary>
    ExchangeTeamsUserToken = 1 << 8,

    /// <summary><c>POST /access/teamsExtension/:exchangeAccessToken</c> → 200.</summary>
    ExchangeTeamsExtensionToken = 1 << 9,

    /// <summary><c>GET|PUT|DELETE /access/teamsExtension/tenants/{tenantId}/assignments/{objectId}</c>.</summary>
    TeamsExtensionAssignments = 1 << 10,

    /// <summary><c>POST /access/entra/:exchangeAccessToken</c> → 200.</summary>
    ExchangeEntraToken = 1 << 11,

    /// <summary><c>POST /turn/{id}/:issueCredentials</c> → 200 (historical, not in the Identity swagger).</summary>
    IssueTurnCredentials = 1 << 12,
}
