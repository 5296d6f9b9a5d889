namespace Emulator.Admin;

/// <summary>Answer of the health endpoints.</summary>
internal sealed record HealthView(string Status);
