using Emulator.TestSupport.Targets;
using Emulator.Testing;

namespace Emulator.ContractTests.Entra;

/// <summary>The in-process emulator configured with the <see cref="EntraStandIn"/> as its Entra authority.</summary>
public class EntraAuthorityTarget : InProcessEmulatorTarget
{
    public EntraStandIn Entra { get; private set; } = null!;

    public override string Name => "emulator (in-process) with the WireMock Entra authority";

    /// <summary>The authority's tenant segment; null for a single-tenant authority.</summary>
    protected virtual string? TenantSegment => null;

    protected override Task<AcsIdentityEmulatorOptions> CreateOptionsAsync()
    {
        Entra = new EntraStandIn(TenantSegment);
        return Task.FromResult(new AcsIdentityEmulatorOptions { Authority = Entra.Authority, RequireHttpsMetadata = false });
    }

    public override async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        await base.DisposeAsync().ConfigureAwait(false);
        Entra?.Dispose();
    }
}
