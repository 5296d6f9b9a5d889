using System.Text.Json;
using Emulator.Configuration;
using Emulator.Identities;
using Emulator.Infrastructure;
using Emulator.Teams;

namespace Emulator.Snapshots;

/// <summary>Builds a snapshot of the state and replaces the state with one, after checking all of it.</summary>
internal sealed class SnapshotService(IdentityStore identities, AssignmentStore assignments, EmulatorClock clock, ResourceSettings resource)
{
    private readonly Lock _applyGate = new();

    public SnapshotDocument Build()
    {
        var (records, sequence) = identities.Export();
        return new SnapshotDocument(
            SnapshotDocument.FormatName,
            SnapshotDocument.CurrentVersion,
            resource.ResourceId,
            clock.GetUtcNow(),
            clock.Offset.TotalSeconds,
            sequence,
            [.. records.OrderBy(r => r.CreatedAt).ThenBy(r => r.Id).Select(r => new SnapshotIdentity(
                IdentityId.Format(resource, r.Id), r.CustomId, r.CreatedAt, r.ValidFromSequence, r.TokensValidFrom, r.RevokedAt, r.LastTokenIssuedAt, r.TokensIssued, r.DeletedAt, r.TokensExpireBy))],
            [.. assignments.List().OrderBy(a => a.TenantId, StringComparer.Ordinal).ThenBy(a => a.ObjectId, StringComparer.Ordinal)]);
    }

    public byte[] Serialize() => JsonSerializer.SerializeToUtf8Bytes(Build(), SnapshotsJsonContext.Default.SnapshotDocument);

    /// <summary>Checks a snapshot and, only when all of it is valid, replaces the state with it. Returns the problem, or null.</summary>
    public string? TryApply(ReadOnlySpan<byte> json)
    {
        if (Parse(json, out var document, out var records) is { } problem)
        {
            return problem;
        }

        lock (_applyGate)
        {
            identities.Import(records, document.Sequence);
            assignments.Replace(document.Assignments ?? []);
            clock.SetOffset(TimeSpan.FromSeconds(document.ClockOffsetSeconds));
        }

        return null;
    }

    private string? Parse(ReadOnlySpan<byte> json, out SnapshotDocument document, out List<IdentityRecord> records)
    {
        document = null!;
        records = [];
        try
        {
            using (var probe = JsonDocument.Parse(json.ToArray()))
            {
                var root = probe.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String || format.GetString() != SnapshotDocument.FormatName)
                {
                    return $"This is not an emulator snapshot: the body must be a JSON object with \"format\":\"{SnapshotDocument.FormatName}\".";
                }

                if (!root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var v) || v < 1)
                {
                    return "The snapshot has no valid version: a positive integer is required.";
                }

                if (v > SnapshotDocument.CurrentVersion)
                {
                    return $"The snapshot is format version {v}, newer than this emulator reads (version {SnapshotDocument.CurrentVersion}): use a newer emulator.";
                }
            }

            document = JsonSerializer.Deserialize(json, SnapshotsJsonContext.Default.SnapshotDocument)!;
        }
        catch (JsonException ex)
        {
            return $"The snapshot is not valid: {ex.Message}";
        }

        if (!string.Equals(document.ResourceId, resource.ResourceId, StringComparison.OrdinalIgnoreCase))
        {
            return $"The snapshot is of resource '{document.ResourceId}', but this emulator is resource '{resource.ResourceId}': start it with --resource-id {document.ResourceId} (and that resource's access key) to import it.";
        }

        var offset = TimeSpan.FromSeconds(document.ClockOffsetSeconds);
        if (double.IsNaN(document.ClockOffsetSeconds) || offset.Duration() > TimeSpan.FromDays(3650) || document.Sequence < 0)
        {
            return "The snapshot's clockOffsetSeconds must be within 3650 days and its sequence not negative.";
        }

        var seen = new HashSet<Guid>();
        foreach (var identity in document.Identities ?? [])
        {
            if (identity?.Id is null || !IdentityId.TryParse(identity.Id, resource, out var id, out _) || !seen.Add(id))
            {
                return $"The snapshot's identity '{identity?.Id}' is not an identity of resource '{resource.ResourceId}', or appears twice.";
            }

            if (identity.ValidFromSequence < 0 || identity.ValidFromSequence > document.Sequence || identity.TokensIssued < 0 || identity.CustomId is { Length: 0 or > 256 })
            {
                return $"The snapshot's identity '{identity.Id}' has an invalid validFromSequence (0 to sequence), tokensIssued or customId.";
            }

            records.Add(new IdentityRecord(id, identity.CustomId, identity.CreatedAt, identity.ValidFromSequence, identity.TokensValidFrom, identity.RevokedAt, identity.LastTokenIssuedAt, identity.TokensIssued, identity.DeletedAt, identity.TokensExpireBy));
        }

        var liveCustomIds = records.Where(r => r.CustomId is not null && !r.IsDeleted).GroupBy(r => r.CustomId).FirstOrDefault(g => g.Count() > 1);
        if (liveCustomIds is not null)
        {
            return $"The snapshot has two live identities with customId '{liveCustomIds.Key}'.";
        }

        foreach (var assignment in document.Assignments ?? [])
        {
            if (assignment is null || !Guid.TryParse(assignment.TenantId, out _) || !Guid.TryParse(assignment.ObjectId, out _) || assignment.PrincipalType is not ("user" or "resourceAccount"))
            {
                return "The snapshot has an assignment without GUID tenantId and objectId, or with a principalType other than user or resourceAccount.";
            }
        }

        return null;
    }
}
