using System.Security.Cryptography.X509Certificates;
using Emulator.Testing;

namespace Emulator.TestSupport.Targets;

/// <summary>The emulator started in this process by the user-facing fixture library; always available.</summary>
public class InProcessEmulatorTarget : ContractTarget
{
    private AcsIdentityEmulator? _emulator;

    public override string Name => "emulator (in-process)";

    public AcsIdentityEmulator Emulator => _emulator ?? throw new InvalidOperationException("Not started.");

    public override async ValueTask InitializeAsync()
    {
        _emulator = await AcsIdentityEmulator.StartAsync(await CreateOptionsAsync().ConfigureAwait(false)).ConfigureAwait(false);
        Endpoint = _emulator.Endpoint;
        HttpsEndpoint = _emulator.HttpsEndpoint;
        AccessKey = _emulator.AccessKey;
        ResourceId = _emulator.ResourceId;
        TrustedCertificate = X509CertificateLoader.LoadCertificate(_emulator.Certificate!.RawData);
        UseAdmin(Endpoint, AccessKey);
    }

    /// <summary>How the emulator starts; derived targets configure it (e.g. with an Entra authority).</summary>
    protected virtual Task<AcsIdentityEmulatorOptions> CreateOptionsAsync() => Task.FromResult(new AcsIdentityEmulatorOptions());

    public override async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        await base.DisposeAsync().ConfigureAwait(false);
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync().ConfigureAwait(false);
        }
    }
}
