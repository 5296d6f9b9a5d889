namespace Emulator.Benchmarks.Suites;

/// <summary>Start-up to the first served request, in milliseconds.</summary>
public sealed record StartupResult(
    double[] PublishedMs,
    double PublishedMedianMs,
    double PublishedCpuMedianMs,
    FixtureStartReport[] Fixture,
    double FixtureColdMedianMs,
    double FixtureWarmMedianMs,
    double FixtureProcessMedianMs);
