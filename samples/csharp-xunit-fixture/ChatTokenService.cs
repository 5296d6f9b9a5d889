using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace XunitFixtureSample;

/// <summary>
/// The application code under test: hands out ACS chat tokens to the app's users. A real application would use
/// <c>Azure.Communication.Identity</c>'s <c>CommunicationIdentityClient</c> with the same connection string; this one
/// calls the REST API directly so the sample builds without that package.
/// </summary>
public sealed class ChatTokenService(string connectionString, HttpMessageHandler? handler = null) : IDisposable
{
    private const string ApiVersion = "2023-10-01";
    private static readonly string[] ChatScope = ["chat"];

    private readonly HttpClient _http = new(handler ?? new HttpClientHandler()) { BaseAddress = new Uri(Part(connectionString, "endpoint")) };
    private readonly byte[] _key = Convert.FromBase64String(Part(connectionString, "accesskey"));

    /// <summary>Creates an ACS user with a chat token valid for <paramref name="minutes"/> minutes.</summary>
    public async Task<ChatUser> CreateUserAsync(int minutes = 60, CancellationToken cancellationToken = default)
    {
        var body = JsonSerializer.Serialize(new { createTokenWithScopes = ChatScope, expiresInMinutes = minutes });
        using var response = await SendAsync(HttpMethod.Post, "/identities", body, cancellationToken);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        var token = json.GetProperty("accessToken");
        return new ChatUser(
            json.GetProperty("identity").GetProperty("id").GetString()!,
            token.GetProperty("token").GetString()!,
            DateTimeOffset.Parse(token.GetProperty("expiresOn").GetString()!, CultureInfo.InvariantCulture));
    }

    /// <summary>Signs the user out everywhere: every token issued so far stops working.</summary>
    public async Task RevokeAsync(string userId, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Post, $"/identities/{Uri.EscapeDataString(userId)}/:revokeAccessTokens", null, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, $"{path}?api-version={ApiVersion}");
        var bytes = body is null ? [] : Encoding.UTF8.GetBytes(body);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(bytes);
            request.Content.Headers.ContentType = new("application/json");
        }

        // ACS access-key authentication (HMAC-SHA256 over verb, path and query, date, host and body hash).
        var uri = new Uri(_http.BaseAddress!, request.RequestUri!);
        var date = DateTimeOffset.UtcNow.ToString("r", CultureInfo.InvariantCulture);
        var hash = Convert.ToBase64String(SHA256.HashData(bytes));
        var signature = Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"{method.Method}\n{uri.PathAndQuery}\n{date};{uri.Authority};{hash}")));
        request.Headers.Add("x-ms-date", date);
        request.Headers.Add("x-ms-content-sha256", hash);
        request.Headers.TryAddWithoutValidation("Authorization", $"HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature={signature}");

        var response = await _http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        return response;
    }

    public void Dispose() => _http.Dispose();

    private static string Part(string connectionString, string name) =>
        connectionString.Split(';').Select(p => p.Split('=', 2)).First(p => p[0].Equals(name, StringComparison.OrdinalIgnoreCase))[1];
}
