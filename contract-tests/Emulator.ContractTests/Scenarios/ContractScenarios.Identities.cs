using System.Net;
using Emulator.TestSupport.Wire;
using Xunit;

namespace Emulator.ContractTests.Scenarios;

/// <summary>Create, delete and identity errors (reference §2.1, §2.2, §4.1).</summary>
public abstract partial class ContractScenarios
{
    [Theory]
    [InlineData(ApiVersion.V2021_03_07)]
    [InlineData(ApiVersion.V2022_06_01)]
    [InlineData(ApiVersion.V2022_10_01)]
    [InlineData(ApiVersion.V2023_10_01)]
    [InlineData(ApiVersion.V2025_03_02_Preview)]
    [Trait("covers", "CreateIdentity@{version}")]
    public async Task CreateIdentity_WithEmptyObject_Returns201WithIdentityOnly(string version)
    {
        var response = await Acs.SendAsync(HttpMethod.Post, "/identities", version, "{}", cancellationToken: Ct);

        var body = AcsAssert.Json(response, HttpStatusCode.Created);
        var id = Track(body.GetProperty("identity").GetProperty("id").GetString()!);
        AcsAssert.IdentityId(id, Target.ResourceId);
        Assert.False(body.TryGetProperty("accessToken", out _), "accessToken must be absent, not null, without scopes");
        Assert.Null(response.Header("Location"));
        AcsAssert.ServiceHeaders(response);
        AcsAssert.SupportedVersions(response, version);
    }

    [Fact]
    [Trait("covers", "CreateIdentity@2023-10-01")]
    public async Task CreateIdentity_WithNoBody_AsTheJsSdkSendsIt_Returns201()
    {
        // @azure/communication-identity sends Content-Length 0 with Content-Type application/json.
        var response = await Acs.SendAsync(HttpMethod.Post, "/identities", ApiVersion.V2023_10_01, json: null, contentType: "application/json", cancellationToken: Ct);

        var body = AcsAssert.Json(response, HttpStatusCode.Created);
        AcsAssert.IdentityId(Track(body.GetProperty("identity").GetProperty("id").GetString()!), Target.ResourceId);
    }

    [Fact]
    [Trait("covers", "CreateIdentity@2023-10-01")]
    public async Task CreateIdentity_TwiceWithoutCustomId_ReturnsTwoIdentities()
    {
        var first = await CreateIdentityAsync();
        var second = await CreateIdentityAsync();

        Assert.NotEqual(first, second);
    }

    [Theory]
    [InlineData(ApiVersion.V2021_03_07)]
    [InlineData(ApiVersion.V2022_06_01)]
    [InlineData(ApiVersion.V2022_10_01)]
    [InlineData(ApiVersion.V2023_10_01)]
    [InlineData(ApiVersion.V2025_03_02_Preview)]
    [Trait("covers", "DeleteIdentity@{version}")]
    public async Task DeleteIdentity_Returns204WithoutBody(string version)
    {
        var id = await CreateIdentityAsync(version);

        var response = await DeleteAsync(id, version);

        AcsAssert.NoContent(response);
        AcsAssert.ServiceHeaders(response);
        AcsAssert.SupportedVersions(response, version);
    }

    [Fact]
    [Trait("covers", "DeleteIdentity@2023-10-01")]
    public async Task DeleteIdentity_AlreadyDeleted_Returns204()
    {
        var id = await CreateIdentityAsync();
        AcsAssert.NoContent(await DeleteAsync(id));

        AcsAssert.NoContent(await DeleteAsync(id));
    }

    [Fact]
    [Trait("covers", "IssueAccessToken@2023-10-01#identity-deleted")]
    public async Task IssueToken_AfterDelete_IsIdentityNotFound()
    {
        var id = await CreateIdentityAsync();
        AcsAssert.NoContent(await DeleteAsync(id));

        AcsAssert.Error(await IssueAsync(id, ["chat"]), ExpectedError.IdentityNotFound);
    }

    [Fact]
    [Trait("covers", "RevokeAccessTokens@2023-10-01")]
    public async Task Revoke_AfterDelete_IsIdentityNotFound()
    {
        var id = await CreateIdentityAsync();
        AcsAssert.NoContent(await DeleteAsync(id));

        AcsAssert.Error(await RevokeAsync(id), ExpectedError.IdentityNotFound);
    }

    [Fact]
    [Trait("covers", "IssueAccessToken@2023-10-01")]
    public async Task IssueToken_ForOwnResourceIdentityNeverCreated_IsIdentityNotFound()
    {
        var id = $"8:acs:{await ResourceIdAsync()}_{Guid.NewGuid()}";

        AcsAssert.Error(await IssueAsync(id, ["chat"]), ExpectedError.IdentityNotFound);
    }

    [Theory]
    [InlineData("issue")]
    [InlineData("revoke")]
    [InlineData("delete")]
    [Trait("covers", "IssueAccessToken@2023-10-01#identity-not-owned,DeleteIdentity@2023-10-01#identity-not-owned")]
    public async Task Operation_OnIdentityOfAnotherResource_IsIdentityNotOwned(string operation)
    {
        // The id the JS SDK's recorded tests use: well-formed, but of a resource that is not the caller's.
        const string foreign = "8:acs:00000000-0000-0000-0000-000000000000_00000000-0000-0000-0000-000000000000";

        var response = operation switch
        {
            "issue" => await IssueAsync(foreign, ["chat", "voip"]),
            "revoke" => await RevokeAsync(foreign),
            _ => await DeleteAsync(foreign),
        };

        AcsAssert.Error(response, ExpectedError.NotOwned);
        AcsAssert.ServiceHeaders(response);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("8:acs:not-a-guid")]
    [Trait("covers", "IssueAccessToken@2023-10-01")]
    public async Task IssueToken_ForMalformedId_IsValidationErrorOnId(string id)
    {
        AcsAssert.Error(await IssueAsync(id, ["chat"]), ExpectedError.IdentityIdFormat);
    }

    [Fact]
    [Trait("covers", "IssueAccessToken@2023-10-01")]
    public async Task IdentityPath_DecodedColons_AsPythonAsyncSendsIt_IsAccepted()
    {
        var id = await CreateIdentityAsync();

        // The raw id in the path, ':' not percent-encoded.
        var response = await Acs.SendAsync(HttpMethod.Post, $"/identities/{id}/:issueAccessToken", ApiVersion.V2023_10_01, """{"scopes":["chat"]}""", cancellationToken: Ct);

        AcsAssert.Json(response, HttpStatusCode.OK);
    }
}
