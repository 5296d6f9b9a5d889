namespace Emulator.Benchmarks;

/// <summary>The harness could not measure: a server answered wrongly, did not start, or a setting is missing.</summary>
public sealed class HarnessException(string message) : Exception(message);
