using System.Collections.Concurrent;

namespace Emulator.Identities;

/// <summary>
/// Thread-safe in-memory identities. No global lock: each identity's record is swapped with compare-and-set, and
/// a process-wide sequence orders issues and revocations exactly (a token issued after a revocation always has a
/// larger sequence, even within the same millisecond). Deleted identities stay as tombstones, so that their tokens
/// are reported as deleted rather than unknown, until their <see cref="IdentityRecord.TombstoneHorizon"/> has passed
/// on the emulated clock; compaction (amortised over deletes, never a timer) then drops them, and a cap bounds how
/// many are kept whatever the clock says.
/// </summary>
internal sealed partial class IdentityStore
{
    /// <summary>Tombstones kept at most (about 45 MB); past it the ones whose tokens expire first are dropped.</summary>
    public const int DefaultMaxTombstones = 100_000;

    private const int MinCompactionInterval = 256;
    private const int MaxCompactionInterval = 65_536;

    private readonly ConcurrentDictionary<Guid, IdentityRecord> _identities = new();
    private readonly ConcurrentDictionary<string, Guid> _byCustomId = new(StringComparer.Ordinal);
    private readonly int _maxTombstones;
    private long _sequence;
    private int _tombstones;
    private int _deletesUntilCompaction;
    private int _compacting;

    public IdentityStore()
        : this(DefaultMaxTombstones)
    {
    }

    public IdentityStore(int maxTombstones)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxTombstones);
        _maxTombstones = maxTombstones;
        _deletesUntilCompaction = CompactionInterval(0);
    }

    /// <summary>Identities held, tombstones included.</summary>
    public int Count => _identities.Count;

    /// <summary>Deleted identities still held (approximate while deletes and compaction run).</summary>
    public int TombstoneCount => Math.Max(0, Volatile.Read(ref _tombstones));

    /// <summary>Creates an identity; with a <paramref name="customId"/> already in use by a live identity, returns that one.</summary>
    public IdentityRecord Create(string? customId, DateTimeOffset now)
    {
        var candidate = new IdentityRecord(Guid.NewGuid(), customId, now);

        // Stored before its customId is claimed: whoever finds the claim finds the identity, so a concurrent create
        // with the same customId never mistakes a claim in progress for a stale one and takes it over.
        _identities[candidate.Id] = candidate;
        if (customId is null)
        {
            return candidate;
        }

        while (true)
        {
            var id = _byCustomId.GetOrAdd(customId, candidate.Id);
            if (id == candidate.Id)
            {
                return candidate;
            }

            if (_identities.TryGetValue(id, out var existing) && !existing.IsDeleted)
            {
                _identities.TryRemove(new KeyValuePair<Guid, IdentityRecord>(candidate.Id, candidate));
                return existing;
            }

            // The customId belongs to a deleted, forgotten or reset identity: take it over for the new one.
            if (_byCustomId.TryUpdate(customId, candidate.Id, id))
            {
                return candidate;
            }
        }
    }

    public IdentityRecord? Get(Guid id) => _identities.GetValueOrDefault(id);

    /// <summary>
    /// Records a token issue and returns its sequence number, or null when the identity does not exist or is deleted.
    /// <paramref name="expiresOn"/> is the token's expiry (default: the longest lifetime), which keeps the identity's
    /// tombstone after a delete for as long as the token could still be presented.
    /// </summary>
    public (IdentityRecord Record, long Sequence)? RecordIssue(Guid id, DateTimeOffset now, DateTimeOffset? expiresOn = null)
    {
        var expiry = expiresOn ?? now.AddMinutes(Tokens.TokenLifetime.MaxMinutes);
        while (_identities.TryGetValue(id, out var current) && !current.IsDeleted)
        {
            var sequence = Interlocked.Increment(ref _sequence);
            var updated = current with
            {
                LastTokenIssuedAt = now,
                TokensIssued = current.TokensIssued + 1,
                TokensExpireBy = current.TokensExpireBy is { } previous && previous > expiry ? previous : expiry,
            };
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

                Interlocked.Increment(ref _tombstones);
                if (Interlocked.Decrement(ref _deletesUntilCompaction) <= 0)
                {
                    Compact(now);
                }

                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Drops the tombstones whose horizon is at or before <paramref name="now"/> and, past the cap, the ones whose
    /// horizon comes first. Runs by itself every so many deletes; returns how many were dropped (0 when another
    /// compaction is running).
    /// </summary>
    public int Compact(DateTimeOffset now)
    {
        if (Interlocked.Exchange(ref _compacting, 1) == 1)
        {
            return 0;
        }

        try
        {
            var dropped = 0;
            var kept = new List<IdentityRecord>();
            foreach (var entry in _identities)
            {
                if (entry.Value.TombstoneHorizon is not { } horizon)
                {
                    continue;
                }

                if (horizon > now)
                {
                    kept.Add(entry.Value);
                }
                else if (RemoveTombstone(entry.Value))
                {
                    dropped++;
                }
            }

            if (kept.Count > _maxTombstones)
            {
                kept.Sort((a, b) => a.TombstoneHorizon!.Value.CompareTo(b.TombstoneHorizon!.Value));
                foreach (var record in kept.Take(kept.Count - _maxTombstones))
                {
                    dropped += RemoveTombstone(record) ? 1 : 0;
                }
            }

            Volatile.Write(ref _deletesUntilCompaction, CompactionInterval(_identities.Count));
            return dropped;
        }
        finally
        {
            Volatile.Write(ref _compacting, 0);
        }
    }

    /// <summary>Forgets one identity entirely, as if it had never been created.</summary>
    public bool Forget(Guid id)
    {
        if (!_identities.TryRemove(id, out var removed))
        {
            return false;
        }

        if (removed.IsDeleted)
        {
            Interlocked.Decrement(ref _tombstones);
        }

        if (removed.CustomId is not null)
        {
            _byCustomId.TryRemove(new KeyValuePair<string, Guid>(removed.CustomId, id));
        }

        return true;
    }

    public void Clear()
    {
        // Claims first: a create running meanwhile may leave a claim to a missing identity, which the next create
        // with that customId takes over, never an identity that a stale claim hides.
        _byCustomId.Clear();
        _identities.Clear();
        Volatile.Write(ref _tombstones, 0);
    }

    public IEnumerable<IdentityRecord> List() => _identities.Values;

    // Each compaction scans every record, so it runs after a number of deletes proportional to the store's size
    // (amortised O(1) per delete), and often enough that the tombstones never exceed the cap by more than a quarter.
    private int CompactionInterval(int count)
        => Math.Max(1, Math.Min(Math.Clamp(count / 2, MinCompactionInterval, MaxCompactionInterval), Math.Max(1, _maxTombstones / 4)));

    private bool RemoveTombstone(IdentityRecord tombstone)
    {
        if (!_identities.TryRemove(new KeyValuePair<Guid, IdentityRecord>(tombstone.Id, tombstone)))
        {
            return false;
        }

        Interlocked.Decrement(ref _tombstones);
        return true;
    }
}
