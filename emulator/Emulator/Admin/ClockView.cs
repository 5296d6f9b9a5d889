using Emulator.Infrastructure;

namespace Emulator.Admin;

/// <summary>The emulated clock as <c>/emulator/clock</c> shows it.</summary>
internal sealed record ClockView(DateTimeOffset Now, string Offset, double OffsetSeconds, DateTimeOffset RealNow)
{
    public static ClockView From(EmulatorClock clock)
    {
        var offset = clock.Offset;
        return new ClockView(clock.GetUtcNow(), offset.ToString("c", System.Globalization.CultureInfo.InvariantCulture), offset.TotalSeconds, clock.RealTime.GetUtcNow());
    }
}
