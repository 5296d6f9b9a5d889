namespace Emulator.Journal;

/// <summary>
/// A bounded ring of the most recent requests. Writers take a sequence with one interlocked increment and store an
/// immutable entry in its slot with a compare-and-swap, so the hot path takes no lock; readers walk back from the
/// newest sequence and keep the entries still in their slot.
/// </summary>
internal sealed class RequestJournal
{
    private readonly RequestJournalEntry?[] _slots;
    private long _next;
    private long _clearedThrough;

    public RequestJournal(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _slots = new RequestJournalEntry?[capacity];
    }

    public int Capacity => _slots.Length;

    public bool Enabled => _slots.Length > 0;

    /// <summary>Requests recorded since start or the last <see cref="Clear"/>.</summary>
    public long Recorded => Math.Max(0, Volatile.Read(ref _next) - Volatile.Read(ref _clearedThrough));

    /// <summary>The sequence number the next entry gets.</summary>
    public long NextSequence() => Interlocked.Increment(ref _next);

    public void Add(RequestJournalEntry entry)
    {
        if (_slots.Length == 0)
        {
            return;
        }

        // A writer that took its sequence earlier but stores later must not replace the newer entry of its slot.
        ref var slot = ref _slots[entry.Sequence % _slots.Length];
        var current = Volatile.Read(ref slot);
        while (current is null || current.Sequence < entry.Sequence)
        {
            var seen = Interlocked.CompareExchange(ref slot, entry, current);
            if (ReferenceEquals(seen, current))
            {
                return;
            }

            current = seen;
        }
    }

    /// <summary>Entries newest first, up to <paramref name="limit"/> that match <paramref name="filter"/>.</summary>
    public List<RequestJournalEntry> Read(Func<RequestJournalEntry, bool> filter, int limit)
    {
        var result = new List<RequestJournalEntry>(Math.Min(limit, 128));
        var newest = Volatile.Read(ref _next);
        var oldest = Math.Max(Volatile.Read(ref _clearedThrough) + 1, newest - _slots.Length + 1);
        for (var sequence = newest; sequence >= oldest && result.Count < limit; sequence--)
        {
            // A slot may hold a newer entry (overwritten meanwhile) or an older one (its writer not done yet): skip both.
            if (Volatile.Read(ref _slots[sequence % _slots.Length]) is { } entry && entry.Sequence == sequence && filter(entry))
            {
                result.Add(entry);
            }
        }

        return result;
    }

    /// <summary>Forgets every entry recorded so far.</summary>
    public void Clear()
    {
        var through = Volatile.Read(ref _next);
        long current;
        do
        {
            current = Volatile.Read(ref _clearedThrough);
        }
        while (current < through && Interlocked.CompareExchange(ref _clearedThrough, through, current) != current);
    }
}
