namespace Emulator.Benchmarks.Reporting;

/// <summary>One target of issue 5 and how this run measured against it.</summary>
public sealed record TargetResult(string Target, string Measured, string Goal, bool Met);
