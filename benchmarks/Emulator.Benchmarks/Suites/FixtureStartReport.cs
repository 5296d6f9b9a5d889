namespace Emulator.Benchmarks.Suites;

/// <summary>One fresh process's in-process fixture starts: the first (cold JIT) and the following ones (warm).</summary>
public sealed record FixtureStartReport(FixturePhases Cold, FixturePhases[] Warm);
