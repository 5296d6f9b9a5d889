namespace Emulator.Identities;

/// <summary>
/// One identity's state, immutable: the store swaps whole records. <see cref="ValidFromSequence"/> is the issue
/// sequence number of the last revocation; tokens with a sequence at or below it are revoked.
/// </summary>
public sealed record IdentityRecord(
    Guid Id,
    string? CustomId,
    DateTimeOffset CreatedAt,
    long ValidFromSequence = 0,
    DateTimeOffset? TokensValidFrom = null,
    DateTimeOffset? RevokedAt = null,
    DateTimeOffset? LastTokenIssuedAt = null,
    int TokensIssued = 0,
    DateTimeOffset? DeletedAt = null)
{
    public bool IsDeleted => DeletedAt is not null;
}
