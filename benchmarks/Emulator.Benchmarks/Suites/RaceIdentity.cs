namespace Emulator.Benchmarks.Suites;

/// <summary>
/// One identity of a race slot, with what the race did to it as monotonic intervals (start, end), so that every
/// answer can be judged against what had certainly happened before it and what might have.
/// </summary>
public sealed class RaceIdentity(string id, RaceIdentity? previous)
{
    private const int TokensKept = 16;
    private readonly List<Interval> _revokes = [];
    private readonly (string Token, long Started, long Ended)[] _tokens = new (string, long, long)[TokensKept];
    private int _tokenCount;
    private int _deleting;

    public string Escaped { get; } = Uri.EscapeDataString(id);

    /// <summary>The identity this slot held before (deleted), for validations that must say identityDeleted.</summary>
    public RaceIdentity? Previous { get; } = previous;

    public long DeleteStarted { get; private set; } = long.MaxValue;

    public long DeleteEnded { get; private set; } = long.MaxValue;

    /// <summary>Claims the deletion: one worker deletes an identity.</summary>
    public bool TryClaimDelete() => Interlocked.Exchange(ref _deleting, 1) == 0;

    public void DeleteStarting(long at) => DeleteStarted = at;

    public void DeleteDone(long at) => DeleteEnded = at;

    /// <summary>Registers a revocation before it is sent; <see cref="Interval.End"/> is set when it is answered.</summary>
    public Interval RevokeStarting(long at)
    {
        var interval = new Interval(at);
        lock (_revokes)
        {
            _revokes.Add(interval);
        }

        return interval;
    }

    public void AddToken(string token, long started, long ended)
    {
        lock (_tokens)
        {
            _tokens[_tokenCount++ % TokensKept] = (token, started, ended);
        }
    }

    public (string Token, long Started, long Ended)? PickToken(Random random)
    {
        lock (_tokens)
        {
            return _tokenCount == 0 ? null : _tokens[random.Next(Math.Min(_tokenCount, TokensKept))];
        }
    }

    /// <summary>A revocation certainly ordered after the issue and before the validation: the token must be invalid.</summary>
    public bool RevokedCertainly(long issueEnded, long validateStarted)
    {
        lock (_revokes)
        {
            return _revokes.Exists(r => r.Start > issueEnded && r.End < validateStarted);
        }
    }

    /// <summary>A revocation that may have been ordered after the issue began and before the validation ended.</summary>
    public bool RevokedPossibly(long issueStarted, long validateEnded)
    {
        lock (_revokes)
        {
            return _revokes.Exists(r => r.Start < validateEnded && r.End > issueStarted);
        }
    }

    public sealed class Interval(long start)
    {
        public long Start { get; } = start;

        public long End { get; private set; } = long.MaxValue;

        public void Done(long at) => End = at;
    }
}
