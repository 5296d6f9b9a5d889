namespace Emulator.Infrastructure;

/// <summary>
/// The emulated clock: real time (the injected <see cref="TimeProvider"/>) plus an offset that users move through
/// <c>/emulator/clock</c>. It drives token lifetimes and validity. Checks against the caller's own clock (the HMAC
/// date window, Entra token expiry) use <see cref="RealTime"/>, so moving this clock never locks a client out.
/// </summary>
internal sealed class EmulatorClock(TimeProvider realTime) : TimeProvider
{
    private long _offsetTicks;

    /// <summary>The clock callers live by.</summary>
    public TimeProvider RealTime { get; } = realTime;

    public TimeSpan Offset => TimeSpan.FromTicks(Volatile.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow() => RealTime.GetUtcNow().AddTicks(Volatile.Read(ref _offsetTicks));

    public override long GetTimestamp() => RealTime.GetTimestamp();

    public override long TimestampFrequency => RealTime.TimestampFrequency;

    /// <summary>Moves the clock forward by <paramref name="by"/>.</summary>
    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    /// <summary>Sets the offset from real time.</summary>
    public void SetOffset(TimeSpan offset) => Volatile.Write(ref _offsetTicks, offset.Ticks);
}
