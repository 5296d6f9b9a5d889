using System.Net;
using System.Text;

namespace Emulator.Tests;

/// <summary>
/// The Teams-extension assignments of 2025-06-30 (put, replace, get, delete). The Teams user exchange and its error
/// table are contract scenarios (contract-tests/Emulator.ContractTests, ContractScenarios.Teams.cs).
/// </summary>
public sealed class TeamsExtensionAssignmentTests(EmulatorFactory factory) : IClassFixture<EmulatorFactory>
{
    private const string AppId = "2a4c6d6e-1b12-4b1c-93f3-2d7d5c1f0b11";
    private readonly HttpClient _client = factory.CreateSignedClient();

    [Fact]
    public async Task TeamsExtensionAssignments_PutGetReplaceDelete()
    {
        var path = $"/access/teamsExtension/tenants/{Guid.NewGuid()}/assignments/{Guid.NewGuid()}?api-version=2025-06-30";

        using var created = await _client.PutAsync(path, new StringContent("{\"principalType\":\"user\",\"clientIds\":[\"" + AppId + "\"]}", Encoding.UTF8, "application/json"));
        using var replaced = await _client.PutAsync(path, new StringContent("{\"principalType\":\"resourceAccount\"}", Encoding.UTF8, "application/json"));
        using var got = await _client.GetAsync(path);
        using var deleted = await _client.DeleteAsync(path);
        using var gone = await _client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal("resourceAccount", (await got.JsonAsync()).GetProperty("principalType").GetString());
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }
}
