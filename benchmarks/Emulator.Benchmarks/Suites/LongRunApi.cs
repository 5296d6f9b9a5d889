using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Emulator.Benchmarks.Http;

namespace Emulator.Benchmarks.Suites;

/// <summary>Signed requests of any api-version for the long runs, with their status, body and monotonic start/end times.</summary>
public sealed class LongRunApi(Uri baseUri, AcsRequestSigner signer, HttpMessageInvoker client)
{
    public const string Current = "2023-10-01";
    public const string LegacyPatch = "2020-07-20-preview2";

    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly string _base = baseUri.ToString().TrimEnd('/');

    public readonly record struct Answer(HttpStatusCode Status, string Body, long Started, long Ended)
    {
        public bool IsServerError => (int)Status >= 500;
    }

    public Task<Answer> CreateAsync(bool withToken) => SendAsync(HttpMethod.Post, "/identities", Current, withToken ? "{\"createTokenWithScopes\":[\"chat\"]}" : "{}");

    public Task<Answer> IssueAsync(string escapedId) => SendAsync(HttpMethod.Post, $"/identities/{escapedId}/:issueAccessToken", Current, "{\"scopes\":[\"chat\"]}");

    public Task<Answer> RevokeAsync(string escapedId) => SendAsync(HttpMethod.Post, $"/identities/{escapedId}/:revokeAccessTokens", Current, null);

    /// <summary>2020-07-20-preview2's PATCH; <c>tokensValidFrom</c> two seconds back, so only the revocation it implies counts.</summary>
    public Task<Answer> PatchValidFromAsync(string escapedId)
    {
        var from = TimeProvider.System.GetUtcNow().AddSeconds(-2).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        return SendAsync(new HttpMethod("PATCH"), $"/identities/{escapedId}", LegacyPatch, $"{{\"tokensValidFrom\":\"{from}\"}}");
    }

    public Task<Answer> DeleteAsync(string escapedId) => SendAsync(HttpMethod.Delete, $"/identities/{escapedId}", Current, null);

    public async Task<Answer> ValidateAsync(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_base + "/emulator/tokens/validate"))
        {
            Content = new StringContent($"{{\"token\":\"{token}\"}}", Encoding.UTF8, "application/json"),
        };
        return await SendAsync(request);
    }

    /// <summary>The string value of <paramref name="name"/> in a flat JSON body (cheap: no full parse).</summary>
    public static string? Field(string body, string name)
    {
        var marker = $"\"{name}\":\"";
        var start = body.IndexOf(marker, StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        start += marker.Length;
        var end = body.IndexOf('"', start);
        return end < 0 ? null : body[start..end];
    }

    private async Task<Answer> SendAsync(HttpMethod method, string path, string version, string? body)
    {
        using var request = new HttpRequestMessage(method, new Uri($"{_base}{path}?api-version={version}"));
        var bytes = body is null ? [] : Encoding.UTF8.GetBytes(body);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(bytes);
            request.Content.Headers.ContentType = Json;
        }

        signer.Sign(request, bytes);
        return await SendAsync(request);
    }

    private async Task<Answer> SendAsync(HttpRequestMessage request)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await client.SendAsync(request, CancellationToken.None);
        var text = await response.Content.ReadAsStringAsync();
        return new Answer(response.StatusCode, text, started, Stopwatch.GetTimestamp());
    }
}
