using Emulator.Testing;
using Microsoft.Extensions.Time.Testing;

namespace XunitFixtureSample;

/// <summary>A fixture whose emulator lives by a <see cref="FakeTimeProvider"/> the tests move.</summary>
public sealed class FakeClockEmulatorFixture : AcsIdentityEmulatorFixture
{
    /// <summary>Starts at the real time: requests are signed with the real clock, and the emulator allows a day of difference.</summary>
    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    protected override AcsIdentityEmulatorOptions CreateOptions() => new() { TimeProvider = Time, EnableHttps = false };
}
