namespace Emulator.Benchmarks.Suites;

/// <summary>Start-up to the first served request, in milliseconds.</summary>
public sealed record StartupResult(
    double[] PublishedMs,
    double PublishedMedianMs,
    FixtureStartReport[] Fixture,
    double FixtureColdMedianMs,
    double FixtureWarmMedianMs,
    double FixtureProcessMedianMs);

/// <summary>One fresh process's in-process fixture starts: the first (cold JIT) and the following ones (warm).</summary>
public sealed record FixtureStartReport(FixturePhases Cold, FixturePhases[] Warm);

/// <summary>Milliseconds from before <c>EmulatorApp.Create</c> to the end of each phase.</summary>
public sealed record FixturePhases(double CreatedMs, double StartedMs, double FirstResponseMs);
