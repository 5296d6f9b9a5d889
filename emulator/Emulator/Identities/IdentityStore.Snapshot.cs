namespace Emulator.Identities;

/// <summary>Export and import of the whole store, for snapshots and persistence (Snapshots/).</summary>
internal sealed partial class IdentityStore
{
    /// <summary>The last issue / revocation sequence number handed out.</summary>
    public long Sequence => Interlocked.Read(ref _sequence);

    /// <summary>Every record (tombstones included) and the sequence, read together so that the sequence covers every record.</summary>
    public (IReadOnlyList<IdentityRecord> Records, long Sequence) Export()
    {
        // The sequence is read after the records: every revocation in the records used a number at or below it.
        var records = _identities.Values.ToArray();
        return (records, Sequence);
    }

    /// <summary>
    /// Replaces every record with <paramref name="records"/> (already validated: distinct ids) and continues the
    /// sequence from <paramref name="sequence"/>, so that tokens issued after the import are never taken as revoked.
    /// </summary>
    public void Import(IReadOnlyList<IdentityRecord> records, long sequence)
    {
        Clear();
        foreach (var record in records)
        {
            _identities[record.Id] = record;
            if (record.CustomId is not null && !record.IsDeleted)
            {
                _byCustomId[record.CustomId] = record.Id;
            }
        }

        Volatile.Write(ref _tombstones, records.Count(r => r.IsDeleted));

        var floor = records.Count == 0 ? sequence : Math.Max(sequence, records.Max(r => r.ValidFromSequence));
        long current;
        do
        {
            current = Interlocked.Read(ref _sequence);
        }
        while (Interlocked.CompareExchange(ref _sequence, floor, current) != current);
    }
}
