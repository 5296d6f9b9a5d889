namespace Emulator.Testing;

/// <summary>Where <see cref="AcsIdentityEmulator.StartAsync(AcsIdentityEmulatorOptions?, CancellationToken)"/> runs the emulator.</summary>
public enum AcsIdentityEmulatorMode
{
    /// <summary>
    /// In the test process (the default): the emulator's services, an injected <see cref="TimeProvider"/>
    /// (<c>FakeTimeProvider</c>), logging and host configuration are available. The first start in a test process
    /// JIT-compiles the hosting stack (about 0.5-1 s); later ones take tens of milliseconds.
    /// </summary>
    InProcess,

    /// <summary>
    /// The Native AOT emulator binary as a child process (see <see cref="AcsIdentityEmulatorOptions.ExecutablePath"/>):
    /// ready in about 0.1 s even in a fresh test process, and reused between emulators
    /// (<see cref="AcsIdentityEmulatorOptions.ReuseNativeProcess"/>). Every member of <see cref="AcsIdentityEmulator"/>
    /// works over the emulator's HTTP endpoints except <see cref="AcsIdentityEmulator.Services"/>; the options
    /// <see cref="AcsIdentityEmulatorOptions.TimeProvider"/>, <see cref="AcsIdentityEmulatorOptions.Logging"/> and
    /// <see cref="AcsIdentityEmulatorOptions.ConfigureBuilder"/> need the in-process mode.
    /// </summary>
    NativeProcess,
}
