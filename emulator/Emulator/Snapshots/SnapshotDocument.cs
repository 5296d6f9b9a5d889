namespace Emulator.Snapshots;

/// <summary>
/// The emulator's whole state as versioned JSON (<c>GET /emulator/snapshot</c>, <c>--import</c>,
/// <c>--export-on-exit</c>, <c>Server:PersistState</c>). <see cref="Sequence"/> is the last issue / revocation
/// number, so that tokens issued before an export keep their revoked-or-valid verdict after an import.
/// </summary>
internal sealed record SnapshotDocument(
    string Format,
    int Version,
    string ResourceId,
    DateTimeOffset ExportedAt,
    double ClockOffsetSeconds,
    long Sequence,
    IReadOnlyList<SnapshotIdentity>? Identities,
    IReadOnlyList<Teams.TeamsExtensionAssignment>? Assignments)
{
    public const string FormatName = "acs-identity-emulator-snapshot";

    public const int CurrentVersion = 1;
}

/// <summary>One identity (or tombstone) of a snapshot.</summary>
internal sealed record SnapshotIdentity(
    string Id,
    string? CustomId,
    DateTimeOffset CreatedAt,
    long ValidFromSequence,
    DateTimeOffset? TokensValidFrom,
    DateTimeOffset? RevokedAt,
    DateTimeOffset? LastTokenIssuedAt,
    int TokensIssued,
    DateTimeOffset? DeletedAt,
    DateTimeOffset? TokensExpireBy = null);
