namespace Emulator.Admin;

/// <summary>Answer of the health endpoints.</summary>
public sealed record HealthView(string Status);
