using System.Net;
using System.Net.Http.Headers;
using Emulator.TestSupport.Wire;
using Xunit;

namespace Emulator.ContractTests.Entra;

/// <summary>A multi-tenant authority: the discovery issuer is a <c>{tenantid}</c> template, filled from the token's <c>tid</c>.</summary>
public sealed class MultiTenantEntraTests(MultiTenantEntraAuthorityTarget target) : IClassFixture<MultiTenantEntraAuthorityTarget>
{
    private const string AcsAudience = "https://communication.azure.com";

    [Fact]
    public async Task Bearer_FromAnyTenantWithMatchingIssuer_IsAccepted()
    {
        var tenant = Guid.NewGuid();
        var token = target.Entra.CreateToken(AcsAudience, tenantId: tenant, issuer: target.Entra.IssuerFor(tenant));

        var response = await SendAsync(token);

        AcsAssert.Json(response, HttpStatusCode.Created);
    }

    [Fact]
    public async Task Bearer_WhoseIssuerNamesAnotherTenantThanTid_IsInvalidAccessToken()
    {
        var token = target.Entra.CreateToken(AcsAudience, tenantId: Guid.NewGuid(), issuer: target.Entra.IssuerFor(Guid.NewGuid()));

        AcsAssert.Error(await SendAsync(token), ExpectedError.TeamsTokenInvalid);
    }

    private Task<AcsResponse> SendAsync(string token) =>
        target.UnsignedClient(https: true).SendAsync(HttpMethod.Post, "/identities", ApiVersion.V2023_10_01, "{}",
            customize: request => request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token),
            cancellationToken: TestContext.Current.CancellationToken);
}
