using System.Net;
using System.Text;

namespace Emulator.Tests;

/// <summary>No input produces a 500 or a hang; each gets a precise 4xx (reference §4.2 and the unverified rows in AcsErrors).</summary>
public sealed class BadInputTests : IClassFixture<EmulatorFactory>
{
    private readonly EmulatorFactory _factory;
    private readonly HttpClient _client;

    public BadInputTests(EmulatorFactory factory)
    {
        _factory = factory;
        _client = factory.CreateSignedClient();
    }

    [Fact]
    public async Task MissingApiVersion_IsApiVersionUnspecified()
    {
        using var response = await _client.PostJson("/identities", "{}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("{\"error\":{\"code\":\"ApiVersionUnspecified\",\"message\":\"An API version is required, but was not specified.\",\"innerError\":null}}", await response.Content.ReadAsStringAsync());
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

    [Theory]
    [InlineData("latest")]
    [InlineData("2023-13-45")]
    [InlineData("2023-10-01-Preview!")]
    public async Task MalformedApiVersion_IsInvalidApiVersion(string version)
    {
        using var response = await _client.PostJson($"/identities?api-version={Uri.EscapeDataString(version)}", "{}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("InvalidApiVersion", (await response.JsonAsync()).GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task UnknownVersion_ServedAsLatest_WhenThePolicySaysSo()
    {
        using var factory = new EmulatorFactory();
        factory.Settings["ApiVersions:UnknownVersions"] = "ServeLatest";
        var client = factory.CreateSignedClient();

        using var future = await client.PostJson("/identities?api-version=2027-01-01", "{}");
        using var malformed = await client.PostJson("/identities?api-version=newest", "{}");

        Assert.Equal(HttpStatusCode.Created, future.StatusCode);
        Assert.Equal("2026-09-23", future.Headers.GetValues("x-emulator-served-api-version").Single());
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("InvalidApiVersion", (await malformed.JsonAsync()).GetProperty("error").GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("{\"createTokenWithScopes\":\"chat\"}", "CreateTokenWithScopes")]
    [InlineData("{\"createTokenWithScopes\":[1]}", "CreateTokenWithScopes")]
    [InlineData("{\"createTokenWithScopes\":[\"chat\"],\"expiresInMinutes\":\"60\"}", "ExpiresInMinutes")]
    [InlineData("{\"createTokenWithScopes\":[\"chat\"],\"expiresInMinutes\":60.5}", "ExpiresInMinutes")]
    [InlineData("{\"createTokenWithScopes\":[\"chat\"],\"expiresInMinutes\":99999999999}", "ExpiresInMinutes")]
    public async Task WrongJsonTypes_AreBindingErrors(string body, string target)
    {
        using var response = await _client.PostJson("/identities?api-version=2023-10-01", body);

        await Api.AssertErrorAsync(response, ExpectedError.JsonValueType(target));
    }

    [Theory]
    [InlineData("{")]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    [InlineData("{\"a\":\"\u0001\"}")]
    public async Task MalformedJson_IsValidationError(string body)
    {
        using var response = await _client.PostJson("/identities?api-version=2023-10-01", body);

        await Api.AssertErrorAsync(response, ExpectedError.BodyNotJson);
    }

    [Fact]
    public async Task DeeplyNestedJson_IsValidationError()
    {
        var body = "{\"x\":" + new string('[', 5000) + new string(']', 5000) + "}";

        using var response = await _client.PostJson("/identities?api-version=2023-10-01", body);

        await Api.AssertErrorAsync(response, ExpectedError.BodyNotJson);
    }

    [Fact]
    public async Task OversizedBody_Is413()
    {
        var body = "{\"customId\":\"" + new string('a', 100_000) + "\"}";

        using var response = await _client.PostJson("/identities?api-version=2025-03-02-preview", body);

        await Api.AssertErrorAsync(response, ExpectedError.BodyTooLarge);
    }

    [Theory]
    [InlineData("2023-10-01", "[\"email\"]", "email")]
    [InlineData("2022-10-01", "[\"chat.join\"]", "chat.join")]
    [InlineData("2023-10-01", "[\"chat\",\"\"]", "")]
    public async Task UnknownScope_IsValidationError(string version, string scopes, string bad)
    {
        var id = await _client.CreateIdentityAsync();

        using var response = await _client.PostJson($"{Api.Path(id, "/:issueAccessToken")}?api-version={version}", $"{{\"scopes\":{scopes}}}");

        await Api.AssertErrorAsync(response, ExpectedError.ScopeNotSupported(bad));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("8:acs:not-a-guid_also-not")]
    [InlineData("8:acs:2b236b8e-e9b7-4be0-8757-b43061a56d37")]
    [InlineData("8:acs:2b236b8e-e9b7-4be0-8757-b43061a56d37_a_b")]
    [InlineData("8:orgid:7d2b2f0e-5f7c-4d3a-9a57-5a1b1e8a0c22")]
    [InlineData("8:acs:2b236b8e-e9b7-4be0-8757-b43061a56d37_\u0001\u0002")]
    public async Task MalformedId_IsValidationError(string id)
    {
        using var response = await _client.PostJson($"{Api.Path(id, "/:issueAccessToken")}?api-version=2023-10-01", "{\"scopes\":[\"chat\"]}");

        await Api.AssertErrorAsync(response, ExpectedError.IdentityIdFormat);
    }

    [Fact]
    public async Task VeryLongId_IsValidationError()
    {
        using var response = await _client.DeleteAsync($"{Api.Path("8:acs:" + new string('a', 2000))}?api-version=2023-10-01");

        await Api.AssertErrorAsync(response, ExpectedError.IdentityIdFormat);
    }

    [Fact]
    public async Task OtherCloudId_IsNotOwned()
    {
        using var response = await _client.DeleteAsync($"{Api.Path("8:gcch-acs:2b236b8e-e9b7-4be0-8757-b43061a56d37_" + Guid.NewGuid())}?api-version=2023-10-01");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public async Task CustomId_EmptyOrTooLong_IsValidationError(string? value)
    {
        var customId = value ?? new string('x', 257);

        using var response = await _client.PostJson("/identities?api-version=2025-03-02-preview", $"{{\"customId\":\"{customId}\"}}");

        await Api.AssertErrorAsync(response, ExpectedError.CustomIdLength);
    }

    [Fact]
    public async Task CustomId_WithControlAndUnicodeCharacters_RoundTrips()
    {
        const string customId = "ünïcødé\\u0007\\t🙂";

        using var response = await _client.PostJson("/identities?api-version=2025-03-02-preview", $"{{\"customId\":\"{customId}\"}}");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("ünïcødé\u0007\t🙂", (await response.JsonAsync()).GetProperty("identity").GetProperty("customId").GetString());
    }

    [Fact]
    public async Task LegacyPatch_WithoutDate_IsValidationError()
    {
        var client = _factory.CreateSignedClient(dateHeader: HmacSigner.LegacyDateHeader);
        var id = await client.CreateIdentityAsync();
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"{Api.Path(id)}?api-version=2020-07-20-preview2")
        {
            Content = new StringContent("{\"tokensValidFrom\":\"soon\"}", Encoding.UTF8, "application/merge-patch+json"),
        };

        using var response = await client.SendAsync(request);

        await Api.AssertErrorAsync(response, ExpectedError.JsonValueType("TokensValidFrom"));
    }

    [Fact]
    public async Task UnknownRouteAndWrongMethod_AreNot500()
    {
        using var unknown = await _client.GetAsync("/nothing-here?api-version=2023-10-01");
        using var wrongMethod = await _client.PutAsync("/identities?api-version=2023-10-01", new StringContent("{}"));

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.StatusCode);
    }
}
