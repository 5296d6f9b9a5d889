using System.Net;
using Emulator.Testing;
using Emulator.TestSupport.Wire;
using Xunit;

namespace Emulator.ContractTests.Fixture;

/// <summary>Signed REST calls to a fixture's emulator (the real HTTP client, HMAC-signed as the SDKs sign).</summary>
internal static class FixtureClient
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static AcsWireClient Client(AcsIdentityEmulator emulator) =>
        new(new HttpClient(new HmacSigningHandler(emulator.AccessKey, TimeProvider.System) { InnerHandler = new HttpClientHandler() }) { BaseAddress = emulator.Endpoint });

    public static async Task<string> CreateIdentityAsync(AcsIdentityEmulator emulator)
    {
        var response = await Client(emulator).SendAsync(HttpMethod.Post, "/identities", ApiVersion.V2023_10_01, "{}", cancellationToken: Ct);
        return AcsAssert.Json(response, HttpStatusCode.Created).GetProperty("identity").GetProperty("id").GetString()!;
    }

    public static async Task<string> IssueTokenAsync(AcsIdentityEmulator emulator, string id, int minutes = 60)
    {
        var response = await IssueAsync(emulator, id, minutes);
        return AcsAssert.Json(response, HttpStatusCode.OK).GetProperty("token").GetString()!;
    }

    public static Task<AcsResponse> IssueAsync(AcsIdentityEmulator emulator, string id, int minutes = 60) =>
        Client(emulator).SendAsync(HttpMethod.Post, AcsWireClient.IdentityPath(id, "/:issueAccessToken"), ApiVersion.V2023_10_01, $$"""{"scopes":["chat"],"expiresInMinutes":{{minutes}}}""", cancellationToken: Ct);

    public static async Task RevokeAsync(AcsIdentityEmulator emulator, string id)
    {
        var response = await Client(emulator).SendAsync(HttpMethod.Post, AcsWireClient.IdentityPath(id, "/:revokeAccessTokens"), ApiVersion.V2023_10_01, cancellationToken: Ct);
        Assert.Equal(HttpStatusCode.NoContent, response.Status);
    }
}
