namespace Emulator.Benchmarks.Load;

/// <summary>Shared state of one measured step: warm-up, then a window bounded in time and in count.</summary>
public sealed class LoadRun(long maxRequests)
{
    private const int WarmingUp = 0;
    private const int Measuring = 1;
    private const int Stopped = 2;

    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _phase = WarmingUp;
    private long _recorded;

    public bool IsStopped => Volatile.Read(ref _phase) == Stopped;

    public Task WhenStopped => _stopped.Task;

    public void StartMeasuring() => Interlocked.CompareExchange(ref _phase, Measuring, WarmingUp);

    /// <summary>Counts a completed request if the window is open; closes it at the count bound.</summary>
    public bool Record()
    {
        if (Volatile.Read(ref _phase) != Measuring)
        {
            return false;
        }

        if (Interlocked.Increment(ref _recorded) >= maxRequests)
        {
            Stop();
        }

        return true;
    }

    public void Stop()
    {
        Volatile.Write(ref _phase, Stopped);
        _stopped.TrySetResult();
    }
}
