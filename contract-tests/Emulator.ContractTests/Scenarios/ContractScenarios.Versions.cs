using System.Net;
using Emulator.TestSupport.Wire;
using Xunit;

namespace Emulator.ContractTests.Scenarios;

/// <summary>api-version handling and the per-route api-supported-versions header (reference §4.2, §5).</summary>
public abstract partial class ContractScenarios
{
    [Fact]
    public async Task IdentitiesRoute_ListsEverySdkVersionInApiSupportedVersions()
    {
        var response = await Acs.SendAsync(HttpMethod.Post, "/identities", ApiVersion.V2023_10_01, "{}", cancellationToken: Ct);
        Track(AcsAssert.Json(response, HttpStatusCode.Created).GetProperty("identity").GetProperty("id").GetString()!);

        AcsAssert.SupportedVersions(response, ApiVersion.Legacy, ApiVersion.V2021_03_07, ApiVersion.V2022_06_01, ApiVersion.V2022_10_01, ApiVersion.V2023_10_01);
    }

    [Fact]
    public async Task TeamsRoute_ListsOnlyTeamsVersionsInApiSupportedVersions()
    {
        var user = TeamsUser();

        // A format error comes after token validation, with the route's api-supported-versions.
        var response = await ExchangeAsync(ApiVersion.V2022_10_01, user.Token, "invalid", user.UserId);

        AcsAssert.Error(response, ExpectedError.AppIdFormat);
        var listed = AcsAssert.SupportedVersions(response, ApiVersion.V2022_06_01, ApiVersion.V2022_10_01, ApiVersion.V2023_10_01);
        Assert.DoesNotContain(ApiVersion.V2021_03_07, listed);
        Assert.DoesNotContain(ApiVersion.Legacy, listed);
    }

    [Fact]
    public async Task Request_WithUnsupportedApiVersion_IsUnsupportedApiVersion()
    {
        var response = await Acs.SendAsync(HttpMethod.Post, "/identities", "2019-01-01", "{}", cancellationToken: Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(AcsAssert.ErrorContentType, response.ContentType);
        var error = response.Json.GetProperty("error");
        Assert.Equal("UnsupportedApiVersion", error.GetProperty("code").GetString());
        var message = error.GetProperty("message").GetString()!;
        Assert.StartsWith("The HTTP resource that matches the request URI '", message, StringComparison.Ordinal);
        Assert.EndsWith("/identities' does not support the API version '2019-01-01'.", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_WithoutApiVersion_IsApiVersionUnspecified()
    {
        var response = await Acs.SendAsync(HttpMethod.Post, "/identities", apiVersion: null, "{}", cancellationToken: Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("ApiVersionUnspecified", response.Json.GetProperty("error").GetProperty("code").GetString());
    }
}
