using System.Collections.Concurrent;

namespace Emulator.Identities;

/// <summary>
/// Thread-safe in-memory identities. No global lock: each identity's record is swapped with compare-and-set, and
/// a process-wide sequence orders issues and revocations exactly (a token issued after a revocation always has a
/// larger sequence, even within the same millisecond). Deleted identities stay as tombstones so that their tokens
/// are reported as deleted rather than unknown.
/// </summary>
public sealed partial class IdentityStore
{
    private readonly ConcurrentDictionary<Guid, IdentityRecord> _identities = new();
    private readonly ConcurrentDictionary<string, Guid> _byCustomId = new(StringComparer.Ordinal);
    private long _sequence;

    public int Count => _identities.Count;

    /// <summary>Creates an identity; with a <paramref name="customId"/> already in use by a live identity, returns that one.</summary>
    public IdentityRecord Create(string? customId, DateTimeOffset now)
    {
        if (customId is null)
        {
            var record = new IdentityRecord(Guid.NewGuid(), null, now);
            _identities[record.Id] = record;
            return record;
        }

        while (true)
        {
            var candidate = new IdentityRecord(Guid.NewGuid(), customId, now);
            var id = _byCustomId.GetOrAdd(customId, candidate.Id);
            if (id == candidate.Id)
            {
                _identities[candidate.Id] = candidate;
                return candidate;
            }

            if (_identities.TryGetValue(id, out var existing) && !existing.IsDeleted)
            {
                return existing;
            }

            // The customId belonged to a deleted (or just-reset) identity: take it over for a new one.
            if (_byCustomId.TryUpdate(customId, candidate.Id, id))
            {
                _identities[candidate.Id] = candidate;
                return candidate;
            }
        }
    }

    public IdentityRecord? Get(Guid id) => _identities.GetValueOrDefault(id);

    /// <summary>Records a token issue and returns its sequence number, or null when the identity does not exist or is deleted.</summary>
    public (IdentityRecord Record, long Sequence)? RecordIssue(Guid id, DateTimeOffset now)
    {
        while (_identities.TryGetValue(id, out var current) && !current.IsDeleted)
        {
            var sequence = Interlocked.Increment(ref _sequence);
            var updated = current with { LastTokenIssuedAt = now, TokensIssued = current.TokensIssued + 1 };
            if (_identities.TryUpdate(id, updated, current))
            {
                return (updated, sequence);
            }
        }

        return null;
    }

    /// <summary>
    /// Revokes every token issued so far. With <paramref name="validFrom"/> (2020-07-20-preview2's PATCH), tokens
    /// issued before that time are also invalid. Returns false when the identity does not exist or is deleted.
    /// </summary>
    public bool Revoke(Guid id, DateTimeOffset now, DateTimeOffset? validFrom = null)
    {
        var sequence = Interlocked.Increment(ref _sequence);
        while (_identities.TryGetValue(id, out var current) && !current.IsDeleted)
        {
            var updated = current with
            {
                ValidFromSequence = Math.Max(current.ValidFromSequence, sequence),
                TokensValidFrom = validFrom ?? current.TokensValidFrom,
                RevokedAt = now,
            };
            if (_identities.TryUpdate(id, updated, current))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Deletes an identity (its tokens stop validating). Returns false when it did not exist or was already deleted.</summary>
    public bool Delete(Guid id, DateTimeOffset now)
    {
        while (_identities.TryGetValue(id, out var current) && !current.IsDeleted)
        {
            if (_identities.TryUpdate(id, current with { DeletedAt = now }, current))
            {
                if (current.CustomId is not null)
                {
                    _byCustomId.TryRemove(new KeyValuePair<string, Guid>(current.CustomId, id));
                }

                return true;
            }
        }

        return false;
    }

    /// <summary>Forgets one identity entirely, as if it had never been created.</summary>
    public bool Forget(Guid id)
    {
        if (!_identities.TryRemove(id, out var removed))
        {
            return false;
        }

        if (removed.CustomId is not null)
        {
            _byCustomId.TryRemove(new KeyValuePair<string, Guid>(removed.CustomId, id));
        }

        return true;
    }

    public void Clear()
    {
        _identities.Clear();
        _byCustomId.Clear();
    }

    public IEnumerable<IdentityRecord> List() => _identities.Values;
}
