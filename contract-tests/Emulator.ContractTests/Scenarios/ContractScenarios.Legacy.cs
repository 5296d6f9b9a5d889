using System.Net;
using System.Text.Json;
using Emulator.TestSupport.Wire;
using Xunit;

namespace Emulator.ContractTests.Scenarios;

/// <summary>
/// 2020-07-20-preview2, as @azure/communication-administration 1.0.0-beta.4 (the original Node.js quickstart) sends
/// it: signed over the <c>date</c> header, create expects 200 <c>{"id"}</c>, revoke is a merge-patch (reference §1.1, §13).
/// </summary>
public abstract partial class ContractScenarios
{
    private AcsWireClient LegacyClient => Target.Client(dateHeader: HmacSigner.LegacyDateHeader);

    [Fact]
    [Trait("covers", "LegacyCreateIdentity@2020-07-20-preview2")]
    public async Task Legacy_CreateIdentity_Returns200WithIdOnly()
    {
        var response = await LegacyClient.SendAsync(HttpMethod.Post, "/identities", ApiVersion.Legacy, json: null, contentType: null, cancellationToken: Ct);

        var body = AcsAssert.Json(response, HttpStatusCode.OK);
        Assert.Equal(["id"], body.EnumerateObject().Select(p => p.Name));
        AcsAssert.IdentityId(Track(body.GetProperty("id").GetString()!), Target.ResourceId);
        AcsAssert.SupportedVersions(response, ApiVersion.Legacy);
    }

    [Fact]
    [Trait("covers", "LegacyIssueToken@2020-07-20-preview2")]
    public async Task Legacy_IssueToken_Returns200WithIdTokenAndExpiresOn()
    {
        var id = await LegacyCreateAsync();

        var response = await LegacyClient.SendAsync(HttpMethod.Post, AcsWireClient.IdentityPath(id, "/token"), ApiVersion.Legacy, """{"scopes":["voip"]}""", cancellationToken: Ct);

        var body = AcsAssert.Json(response, HttpStatusCode.OK);
        Assert.Equal(["id", "token", "expiresOn"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal(id, body.GetProperty("id").GetString());
        AcsAssert.AccessToken(body.GetProperty("token").GetString()!, body.GetProperty("expiresOn").GetString()!, id, ["voip"], DefaultLifetime, await ResourceIdAsync());
    }

    [Fact]
    [Trait("covers", "LegacyUpdateIdentity@2020-07-20-preview2")]
    public async Task Legacy_PatchTokensValidFrom_Returns204AndRevokesEarlierTokens()
    {
        var id = await LegacyCreateAsync();
        var issued = await LegacyClient.SendAsync(HttpMethod.Post, AcsWireClient.IdentityPath(id, "/token"), ApiVersion.Legacy, """{"scopes":["voip"]}""", cancellationToken: Ct);
        var token = AcsAssert.Json(issued, HttpStatusCode.OK).GetProperty("token").GetString()!;
        var validFrom = JsonSerializer.Serialize(new { tokensValidFrom = DateTimeOffset.UtcNow.AddSeconds(1).ToString("O") });

        var response = await LegacyClient.SendAsync(HttpMethod.Patch, AcsWireClient.IdentityPath(id), ApiVersion.Legacy, validFrom, contentType: "application/merge-patch+json", cancellationToken: Ct);

        AcsAssert.NoContent(response);
        var admin = RequireEmulator("whether a token is still accepted is asked of POST /emulator/tokens/validate");
        Assert.Equal((false, "revoked"), await ValidateAsync(admin, token));
    }

    [Fact]
    [Trait("covers", "DeleteIdentity@2020-07-20-preview2")]
    public async Task Legacy_DeleteIdentity_Returns204()
    {
        var id = await LegacyCreateAsync();

        AcsAssert.NoContent(await LegacyClient.SendAsync(HttpMethod.Delete, AcsWireClient.IdentityPath(id), ApiVersion.Legacy, contentType: null, cancellationToken: Ct));
    }

    private async Task<string> LegacyCreateAsync()
    {
        var response = await LegacyClient.SendAsync(HttpMethod.Post, "/identities", ApiVersion.Legacy, json: null, contentType: null, cancellationToken: Ct);
        return Track(AcsAssert.Json(response, HttpStatusCode.OK).GetProperty("id").GetString()!);
    }
}
