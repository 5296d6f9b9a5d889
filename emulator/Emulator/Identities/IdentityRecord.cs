namespace Emulator.Identities;

/// <summary>
/// One identity's state, immutable: the store swaps whole records. <see cref="ValidFromSequence"/> is the issue
/// sequence number of the last revocation; tokens with a sequence at or below it are revoked.
/// <see cref="TokensExpireBy"/> is the latest expiry of any token issued to it, on the emulated clock.
/// </summary>
internal sealed record IdentityRecord(
    Guid Id,
    string? CustomId,
    DateTimeOffset CreatedAt,
    long ValidFromSequence = 0,
    DateTimeOffset? TokensValidFrom = null,
    DateTimeOffset? RevokedAt = null,
    DateTimeOffset? LastTokenIssuedAt = null,
    int TokensIssued = 0,
    DateTimeOffset? DeletedAt = null,
    DateTimeOffset? TokensExpireBy = null)
{
    public bool IsDeleted => DeletedAt is not null;

    /// <summary>
    /// For a deleted identity, the emulated time from which none of its tokens can still be unexpired: the tombstone
    /// is needed until then (to answer <c>identityDeleted</c>) and may be dropped after.
    /// </summary>
    public DateTimeOffset? TombstoneHorizon => DeletedAt is { } deleted
        ? (TokensExpireBy is { } expiry && expiry > deleted ? expiry : deleted)
        : null;
}
