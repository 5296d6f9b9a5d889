namespace Emulator.Infrastructure;

/// <summary>Endpoint metadata of the emulated API's route group (<see cref="ApiSurface.MapEmulatedApi"/>).</summary>
public sealed class EmulatedApiMetadata
{
    public static readonly EmulatedApiMetadata Instance = new();

    private EmulatedApiMetadata()
    {
    }
}
