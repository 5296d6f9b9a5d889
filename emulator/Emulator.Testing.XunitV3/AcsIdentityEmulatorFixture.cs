using Xunit;

namespace Emulator.Testing;

/// <summary>
/// An xunit v3 fixture that starts one <see cref="AcsIdentityEmulator"/> for a test class
/// (<c>IClassFixture&lt;AcsIdentityEmulatorFixture&gt;</c>), a collection (<c>ICollectionFixture</c>) or the whole
/// assembly (<c>[assembly: AssemblyFixture(typeof(AcsIdentityEmulatorFixture))]</c>), and stops it afterwards.
/// Derive from it and override <see cref="CreateOptions"/> to change how the emulator starts.
/// </summary>
public class AcsIdentityEmulatorFixture : IAsyncLifetime
{
    private AcsIdentityEmulator? _emulator;

    /// <summary>The started emulator.</summary>
    /// <exception cref="InvalidOperationException">Used before xunit initialised the fixture.</exception>
    public AcsIdentityEmulator Emulator => _emulator ?? throw new InvalidOperationException("The emulator is not started yet: xunit starts it in InitializeAsync.");

    /// <summary>Shortcut for <see cref="AcsIdentityEmulator.ConnectionString"/> (http).</summary>
    public string ConnectionString => Emulator.ConnectionString;

    /// <summary>Shortcut for <see cref="AcsIdentityEmulator.HttpsConnectionString"/>.</summary>
    public string? HttpsConnectionString => Emulator.HttpsConnectionString;

    /// <summary>Starts the emulator.</summary>
    public async ValueTask InitializeAsync() => _emulator = await AcsIdentityEmulator.StartAsync(CreateOptions(), TestContext.Current.CancellationToken).ConfigureAwait(false);

    /// <summary>Stops the emulator.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync().ConfigureAwait(false);
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>The options the emulator starts with. Default: free ports, http and https, random key and resource id.</summary>
    protected virtual AcsIdentityEmulatorOptions CreateOptions() => new();
}
