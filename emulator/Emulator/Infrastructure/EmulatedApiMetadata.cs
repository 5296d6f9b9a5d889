namespace Emulator.Infrastructure;

/// <summary>Endpoint metadata of the emulated API's route group (<see cref="ApiSurface.MapEmulatedApi"/>).</summary>
internal sealed class EmulatedApiMetadata
{
    public static readonly EmulatedApiMetadata Instance = new();

    private EmulatedApiMetadata()
    {
    }
}
