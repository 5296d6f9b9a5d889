namespace Emulator.Throttling;

/// <summary>The operations with a published limit; each has its own window.</summary>
internal enum ThrottledOperation
{
    CreateIdentity,
    CreateIdentityWithToken,
    IssueAccessToken,
    DeleteIdentity,
    RevokeAccessTokens,
    ExchangeTeamsUserToken,
    ExchangeTeamsExtensionToken,
    ExchangeEntraToken,
}
