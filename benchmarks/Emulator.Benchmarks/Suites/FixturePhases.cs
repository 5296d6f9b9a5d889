namespace Emulator.Benchmarks.Suites;

/// <summary>Milliseconds from before <c>EmulatorApp.Create</c> to the end of each phase.</summary>
public sealed record FixturePhases(double CreatedMs, double StartedMs, double FirstResponseMs);
