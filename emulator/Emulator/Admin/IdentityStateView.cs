using Emulator.Configuration;
using Emulator.Identities;

namespace Emulator.Admin;

/// <summary>An identity as <c>/emulator/identities</c> shows it, with its token state.</summary>
internal sealed record IdentityStateView(
    string Id,
    string? CustomId,
    DateTimeOffset CreatedAt,
    bool Deleted,
    DateTimeOffset? DeletedAt,
    DateTimeOffset? TokensRevokedAt,
    DateTimeOffset? TokensValidFrom,
    DateTimeOffset? LastTokenIssuedAt,
    int TokensIssued)
{
    public static IdentityStateView From(IdentityRecord record, ResourceSettings resource) => new(
        IdentityId.Format(resource, record.Id),
        record.CustomId,
        record.CreatedAt,
        record.IsDeleted,
        record.DeletedAt,
        record.RevokedAt,
        record.TokensValidFrom,
        record.LastTokenIssuedAt,
        record.TokensIssued);
}
