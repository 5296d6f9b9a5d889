using Microsoft.Extensions.Options;

namespace Emulator.Throttling;

/// <summary>
/// Sliding-window counters, one per <see cref="ThrottledOperation"/>: a request is admitted when fewer than the limit
/// were admitted in the last window, and a refused request does not count. Windows run on real time (the injected
/// <see cref="TimeProvider"/>), not the emulated clock: the SDKs wait out <c>Retry-After</c> in real time, and moving
/// the emulated clock must not lift or extend a throttle.
/// </summary>
internal sealed class RateLimiter
{
    private readonly TimeProvider _time;
    private readonly TimeSpan _window;
    private readonly Dictionary<ThrottledOperation, (int Limit, Queue<DateTimeOffset> Admitted)> _windows;

    public RateLimiter(IOptions<ThrottlingOptions> options, TimeProvider time)
    {
        var o = options.Value;
        _time = time;
        _window = TimeSpan.FromSeconds(o.WindowSeconds);
        _windows = new()
        {
            [ThrottledOperation.CreateIdentity] = (o.CreateIdentity, new()),
            [ThrottledOperation.CreateIdentityWithToken] = (o.CreateIdentityWithToken, new()),
            [ThrottledOperation.IssueAccessToken] = (o.IssueAccessToken, new()),
            [ThrottledOperation.DeleteIdentity] = (o.DeleteIdentity, new()),
            [ThrottledOperation.RevokeAccessTokens] = (o.RevokeAccessTokens, new()),
            [ThrottledOperation.ExchangeTeamsUserToken] = (o.ExchangeAccessToken, new()),
            [ThrottledOperation.ExchangeTeamsExtensionToken] = (o.ExchangeAccessToken, new()),
            [ThrottledOperation.ExchangeEntraToken] = (o.ExchangeAccessToken, new()),
        };
        Enabled = o.Mode == ThrottlingMode.Live;
    }

    public bool Enabled { get; }

    public TimeSpan Window => _window;

    public int LimitOf(ThrottledOperation operation) => _windows[operation].Limit;

    /// <summary>Admits the request (null) or returns how long until the window has room again.</summary>
    public TimeSpan? TryAcquire(ThrottledOperation operation)
    {
        var (limit, admitted) = _windows[operation];
        var now = _time.GetUtcNow();
        lock (admitted)
        {
            while (admitted.Count > 0 && admitted.Peek() <= now - _window)
            {
                admitted.Dequeue();
            }

            if (admitted.Count < limit)
            {
                admitted.Enqueue(now);
                return null;
            }

            return admitted.Peek() + _window - now;
        }
    }

    /// <summary>Empties every window (<c>DELETE /emulator/throttling</c>).</summary>
    public void Clear()
    {
        foreach (var (_, admitted) in _windows.Values)
        {
            lock (admitted)
            {
                admitted.Clear();
            }
        }
    }
}
