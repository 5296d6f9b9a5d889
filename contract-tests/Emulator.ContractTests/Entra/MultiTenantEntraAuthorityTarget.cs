namespace Emulator.ContractTests.Entra;

/// <summary>As <see cref="EntraAuthorityTarget"/>, with a multi-tenant authority whose discovery issuer is <c>{server}/{tenantid}/v2.0</c>.</summary>
public sealed class MultiTenantEntraAuthorityTarget : EntraAuthorityTarget
{
    protected override string? TenantSegment => "organizations";
}
