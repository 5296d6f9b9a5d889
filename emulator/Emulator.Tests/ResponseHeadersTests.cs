using System.Net;
using System.Text.RegularExpressions;

namespace Emulator.Tests;

/// <summary>The headers of reference §5.</summary>
public sealed partial class ResponseHeadersTests(EmulatorFactory factory) : IClassFixture<EmulatorFactory>
{
    [Fact]
    public async Task Success_CarriesServiceHeaders_AndEchoesClientRequestId()
    {
        var client = factory.CreateSignedClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/identities?api-version=2023-10-01");
        request.Headers.Add("x-ms-client-request-id", "0f8fad5b-d9cb-469f-a165-70867728950e");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("0f8fad5b-d9cb-469f-a165-70867728950e", response.Headers.GetValues("x-ms-client-request-id").Single());
        Assert.Matches(CorrelationVector(), response.Headers.GetValues("MS-CV").Single());
        Assert.Equal("appId=", response.Headers.GetValues("Request-Context").Single());
        Assert.Equal("CONFIG_NOCACHE", response.Headers.GetValues("X-Cache").Single());
        Assert.Matches("^[0-9]+ms$", response.Headers.GetValues("X-Processing-Time").Single());
        Assert.StartsWith("0", response.Headers.GetValues("X-Azure-Ref").Single(), StringComparison.Ordinal);
        Assert.Equal(
            "2020-07-20-preview2, 2021-02-22-preview1, 2021-03-07, 2021-03-31-preview1, 2021-10-31-preview, 2021-11-01, 2022-06-01, 2022-10-01, 2023-08-01, 2023-10-01, 2025-03-02-preview, 2025-06-30, 2026-07-22, 2026-09-23",
            response.Headers.GetValues("api-supported-versions").Single());
    }

    [Fact]
    public async Task TeamsRoute_ListsOnlyTeamsVersions_AndItsTokenErrorsNone()
    {
        var client = factory.CreateSignedClient();

        using var invalidToken = await client.PostJson("/teamsUser/:exchangeAccessToken?api-version=2023-10-01", "{\"token\":\"\",\"appId\":\"a\",\"userId\":\"b\"}");

        Assert.Equal(HttpStatusCode.Unauthorized, invalidToken.StatusCode);
        Assert.False(invalidToken.Headers.Contains("api-supported-versions"));
        using var unsupported = await client.PostJson("/teamsUser/:exchangeAccessToken?api-version=2021-03-07", "{}");
        Assert.StartsWith("2021-03-31-preview1, 2021-10-31-preview", unsupported.Headers.GetValues("api-supported-versions").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmulatorEndpoints_AreOutsideTheEmulatedSurface()
    {
        var client = factory.CreateClient();

        using var response = await client.GetAsync("/emulator/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("MS-CV"));
    }

    [GeneratedRegex("^[A-Za-z0-9+/]{22}\\.0$")]
    private static partial Regex CorrelationVector();
}
