using System.Net;

namespace Emulator.Tests;

/// <summary>Every recorded error row of reference §4.1 and §4.3, byte for byte: status, code, message, target, headers.</summary>
public sealed class RecordedErrorsTests : IClassFixture<EmulatorFactory>
{
    private readonly HttpClient _client;

    public RecordedErrorsTests(EmulatorFactory factory) => _client = factory.CreateSignedClient();

    [Theory]
    [InlineData(59)]
    [InlineData(1441)]
    [InlineData(0)]
    [InlineData(-5)]
    public async Task Create_ExpiresInMinutesOutOfRange_IsValidationErrorWithInterval(int minutes)
    {
        using var response = await _client.PostJson("/identities?api-version=2022-10-01", $"{{\"createTokenWithScopes\":[\"chat\"],\"expiresInMinutes\":{minutes}}}");

        await Api.AssertErrorAsync(response, HttpStatusCode.BadRequest, "ValidationError",
            $"ExpiresInMinutes value {minutes} is invalid. Value must be within the [60, 1440] interval.", "ExpiresInMinutes", reportsVersions: true);
    }

    [Theory]
    [InlineData(59)]
    [InlineData(1441)]
    public async Task Issue_ExpiresInMinutesOutOfRange_IsValidationErrorWithoutInterval(int minutes)
    {
        var id = await _client.CreateIdentityAsync();

        using var response = await _client.PostJson($"{Api.Path(id, "/:issueAccessToken")}?api-version=2022-10-01", $"{{\"scopes\":[\"chat\"],\"expiresInMinutes\":{minutes}}}");

        await Api.AssertErrorAsync(response, HttpStatusCode.BadRequest, "ValidationError", $"ExpiresInMinutes value {minutes} is invalid.", "ExpiresInMinutes", reportsVersions: true);
    }

    [Theory]
    [InlineData("2021-03-07")]
    [InlineData("2022-06-01")]
    [InlineData("2023-10-01")]
    public async Task Issue_EmptyScopes_IsInvalidScopes(string version)
    {
        var id = await _client.CreateIdentityAsync();

        using var response = await _client.PostJson($"{Api.Path(id, "/:issueAccessToken")}?api-version={version}", "{\"scopes\":[]}");

        await Api.AssertErrorAsync(response, HttpStatusCode.BadRequest, "ValidationError", "Invalid scopes - Scopes field is required.", "scopes", reportsVersions: true);
    }

    [Theory]
    [InlineData("{\"scopes\":null,\"expiresInMinutes\":null}")]
    [InlineData("{}")]
    [InlineData(null)]
    public async Task Issue_NullOrMissingScopes_IsModelBindingErrorWithoutVersionsHeader(string? body)
    {
        var id = await _client.CreateIdentityAsync();

        using var response = await _client.PostJson($"{Api.Path(id, "/:issueAccessToken")}?api-version=2022-10-01", body);

        await Api.AssertErrorAsync(response, HttpStatusCode.BadRequest, "ValidationError", "Scopes: The Scopes field is required.", "Scopes", reportsVersions: false);
    }

    [Theory]
    [InlineData("POST", "/:issueAccessToken", "{\"scopes\":[\"chat\",\"voip\"]}")]
    [InlineData("POST", "/:revokeAccessTokens", null)]
    [InlineData("DELETE", "", null)]
    public async Task ForeignIdentity_IsIdentityNotOwned(string method, string suffix, string? body)
    {
        var foreign = EmulatorFactory.IdentityId(Guid.Parse("00000000-0000-0000-0000-000000000000"), EmulatorFactory.OtherResourceId);
        using var request = new HttpRequestMessage(new HttpMethod(method), $"{Api.Path(foreign, suffix)}?api-version=2021-10-31-preview");
        if (body is not null)
        {
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        }

        using var response = await _client.SendAsync(request);

        await Api.AssertErrorAsync(response, HttpStatusCode.Unauthorized, "IdentityNotOwned", "Provided identity doesn't belong to the resource.", null, reportsVersions: true);
    }

    [Fact]
    public async Task UnsupportedApiVersion_IsTheApiVersioningError()
    {
        using var response = await _client.PostJson("/identities?api-version=2019-01-01", "{}");

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(
            "{\"error\":{\"code\":\"UnsupportedApiVersion\",\"message\":\"The HTTP resource that matches the request URI 'http://localhost/identities' does not support the API version '2019-01-01'.\",\"innerError\":null}}",
            body);
        Assert.True(response.Headers.Contains("api-supported-versions"));
    }
}
