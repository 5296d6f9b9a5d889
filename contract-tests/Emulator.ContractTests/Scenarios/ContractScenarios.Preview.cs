using System.Globalization;
using System.Net;
using Emulator.TestSupport.Wire;
using Xunit;

namespace Emulator.ContractTests.Scenarios;

/// <summary>2025-03-02-preview: customId on create and GET /identities/{id} (reference §2.1, §2.3).</summary>
public abstract partial class ContractScenarios
{
    [Fact]
    [Trait("covers", "CreateIdentity@2025-03-02-preview")]
    public async Task Preview_CreateWithCustomId_EchoesItAndReturnsTheSameIdentityAgain()
    {
        var customId = $"contract-{Guid.NewGuid():N}@example.com";
        var body = $$"""{"customId":"{{customId}}"}""";

        var first = AcsAssert.Json(await Acs.SendAsync(HttpMethod.Post, "/identities", ApiVersion.V2025_03_02_Preview, body, cancellationToken: Ct), HttpStatusCode.Created);
        var second = AcsAssert.Json(await Acs.SendAsync(HttpMethod.Post, "/identities", ApiVersion.V2025_03_02_Preview, body, cancellationToken: Ct), HttpStatusCode.Created);

        var id = Track(first.GetProperty("identity").GetProperty("id").GetString()!);
        Assert.Equal(customId, first.GetProperty("identity").GetProperty("customId").GetString());
        Assert.Equal(id, second.GetProperty("identity").GetProperty("id").GetString());
    }

    [Fact]
    [Trait("covers", "GetIdentity@2025-03-02-preview,IssueAccessToken@2025-03-02-preview")]
    public async Task Preview_GetIdentity_ReturnsCustomIdAndLastTokenIssuedAt()
    {
        var customId = $"contract-{Guid.NewGuid():N}";
        var created = AcsAssert.Json(
            await Acs.SendAsync(HttpMethod.Post, "/identities", ApiVersion.V2025_03_02_Preview, $$"""{"customId":"{{customId}}","createTokenWithScopes":["chat"]}""", cancellationToken: Ct),
            HttpStatusCode.Created);
        var id = Track(created.GetProperty("identity").GetProperty("id").GetString()!);

        var response = await Acs.SendAsync(HttpMethod.Get, AcsWireClient.IdentityPath(id), ApiVersion.V2025_03_02_Preview, contentType: null, cancellationToken: Ct);

        var body = AcsAssert.Json(response, HttpStatusCode.OK);
        Assert.Equal(id, body.GetProperty("id").GetString());
        Assert.Equal(customId, body.GetProperty("customId").GetString());
        var lastIssued = DateTimeOffset.Parse(body.GetProperty("lastTokenIssuedAt").GetString()!, CultureInfo.InvariantCulture);
        var iat = DateTimeOffset.FromUnixTimeSeconds(Jwt.Decode(created.GetProperty("accessToken").GetProperty("token").GetString()!).Iat);
        Assert.InRange(lastIssued - iat, TimeSpan.FromSeconds(-1), TimeSpan.FromSeconds(2));
    }

    [Fact]
    [Trait("covers", "GetIdentity@2025-03-02-preview")]
    public async Task Preview_GetIdentity_WithoutCustomIdOrToken_ReturnsIdOnly()
    {
        var id = await CreateIdentityAsync(ApiVersion.V2025_03_02_Preview);

        var body = AcsAssert.Json(await Acs.SendAsync(HttpMethod.Get, AcsWireClient.IdentityPath(id), ApiVersion.V2025_03_02_Preview, contentType: null, cancellationToken: Ct), HttpStatusCode.OK);

        Assert.Equal(["id"], body.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    [Trait("covers", "GetIdentity@2025-03-02-preview,DeleteIdentity@2025-03-02-preview")]
    public async Task Preview_GetIdentity_AfterDelete_IsIdentityNotFound()
    {
        var id = await CreateIdentityAsync(ApiVersion.V2025_03_02_Preview);
        AcsAssert.NoContent(await DeleteAsync(id, ApiVersion.V2025_03_02_Preview));

        var response = await Acs.SendAsync(HttpMethod.Get, AcsWireClient.IdentityPath(id), ApiVersion.V2025_03_02_Preview, contentType: null, cancellationToken: Ct);

        AcsAssert.Error(response, ExpectedError.IdentityNotFound);
    }

    [Fact]
    public async Task GetIdentity_AtAVersionWithoutIt_IsUnsupportedApiVersion()
    {
        var id = await CreateIdentityAsync();

        var response = await Acs.SendAsync(HttpMethod.Get, AcsWireClient.IdentityPath(id), ApiVersion.V2023_10_01, contentType: null, cancellationToken: Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("UnsupportedApiVersion", response.Json.GetProperty("error").GetProperty("code").GetString());
    }
}
