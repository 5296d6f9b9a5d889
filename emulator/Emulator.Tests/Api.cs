using System.Net;
using System.Text;
using System.Text.Json;

namespace Emulator.Tests;

/// <summary>Small helpers to call the emulated API and assert its exact answers.</summary>
internal static class Api
{
    public const string V2023 = "2023-10-01";

    public static string Path(string id, string suffix = "") => $"/identities/{Uri.EscapeDataString(id)}{suffix}";

    public static Task<HttpResponseMessage> PostJson(this HttpClient client, string url, string? json)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return client.SendAsync(request);
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Creates an identity at 2023-10-01 and returns its id.</summary>
    public static async Task<string> CreateIdentityAsync(this HttpClient client)
    {
        using var response = await client.PostJson($"/identities?api-version={V2023}", "{}");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("identity").GetProperty("id").GetString()!;
    }

    public static async Task<string> IssueTokenAsync(this HttpClient client, string id, string scopes = "[\"chat\"]")
    {
        using var response = await client.PostJson($"{Path(id, "/:issueAccessToken")}?api-version={V2023}", $"{{\"scopes\":{scopes}}}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("token").GetString()!;
    }

    /// <summary>Asserts status, the exact error body, its content type and whether api-supported-versions is sent.</summary>
    public static async Task AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string code, string message, string? target, bool reportsVersions)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.ToString());
        var error = JsonDocument.Parse(body).RootElement.GetProperty("error");
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.Equal(message, error.GetProperty("message").GetString());
        if (target is null)
        {
            Assert.False(error.TryGetProperty("target", out _), body);
        }
        else
        {
            Assert.Equal(target, error.GetProperty("target").GetString());
        }

        Assert.Equal(reportsVersions, response.Headers.Contains("api-supported-versions"));
    }

    /// <summary>Asserts the exact answer of <paramref name="expected"/> (status, body, content type, api-supported-versions).</summary>
    public static Task AssertErrorAsync(HttpResponseMessage response, ExpectedError expected) =>
        AssertErrorAsync(response, (HttpStatusCode)expected.Status, expected.Code, expected.Message, expected.Target, expected.ApiSupportedVersions);

    public static async Task<JsonElement> ValidateAsync(this HttpClient client, string token)
    {
        using var response = await client.PostJson("/emulator/tokens/validate", JsonSerializer.Serialize(new { token }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    public static JsonElement DecodePayload(string jwt) => DecodePart(jwt, 1);

    public static JsonElement DecodeHeader(string jwt) => DecodePart(jwt, 0);

    private static JsonElement DecodePart(string jwt, int index)
    {
        var part = jwt.Split('.')[index].Replace('-', '+').Replace('_', '/');
        part = part.PadRight(part.Length + ((4 - (part.Length % 4)) % 4), '=');
        return JsonDocument.Parse(Convert.FromBase64String(part)).RootElement.Clone();
    }
}
