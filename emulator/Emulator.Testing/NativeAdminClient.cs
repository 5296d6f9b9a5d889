using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Emulator.Admin;
using Emulator.Identities;

namespace Emulator.Testing;

/// <summary>
/// The emulator's own <c>/emulator/*</c> routes, called over HTTP for a native emulator: what the in-process mode does
/// with the emulator's services. The access key goes in <c>x-emulator-access-key</c>, so the calls pass whatever
/// <c>Server:ListenAddress</c> and <c>Admin:RemoteAccess</c> say.
/// </summary>
internal sealed class NativeAdminClient(Uri endpoint, string accessKey)
{
    // One client for every native emulator of the process: loopback only, never a proxy.
    private static readonly HttpClient Http = new(new SocketsHttpHandler { UseProxy = false, PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30) })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };

    private static readonly string[] ReuseClears = ["faults", "throttling", "requests"];

    private readonly Uri _admin = new(endpoint, "emulator/");

    public void Reset()
    {
        using var response = Send(HttpMethod.Post, "reset", null);
        Expect(response, HttpStatusCode.NoContent, "reset");
    }

    public async Task ResetAsync()
    {
        using var response = await SendAsync(HttpMethod.Post, "reset").ConfigureAwait(false);
        Expect(response, HttpStatusCode.NoContent, "reset");
    }

    /// <summary>Empties what a test may have added that <c>/emulator/reset</c> keeps: fault rules, throttling windows, the request journal.</summary>
    public async Task<bool> ClearForReuseAsync()
    {
        foreach (var route in ReuseClears)
        {
            using var response = await SendAsync(HttpMethod.Delete, route).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.NoContent)
            {
                return false;
            }
        }

        return true;
    }

    public (DateTimeOffset Now, TimeSpan Offset) Clock()
    {
        using var json = Json(Send(HttpMethod.Get, "clock", null), "clock");
        return ClockOf(json);
    }

    public void AdvanceClock(TimeSpan by) =>
        ExpectClock(Send(HttpMethod.Post, "clock/advance", $"{{\"seconds\":{by.TotalSeconds.ToString("R", CultureInfo.InvariantCulture)}}}"), nameof(by));

    public void SetClockOffset(TimeSpan offset) =>
        ExpectClock(Send(HttpMethod.Put, "clock", $"{{\"offsetSeconds\":{offset.TotalSeconds.ToString("R", CultureInfo.InvariantCulture)}}}"), nameof(offset));

    public TokenValidationResult ValidateToken(string token)
    {
        using var json = Json(Send(HttpMethod.Post, "tokens/validate", JsonSerializer.Serialize(new Dictionary<string, string> { ["token"] = token })), "tokens/validate");
        var root = json.RootElement;
        TokenRejection? reason = root.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String && Enum.TryParse<TokenInvalidReason>(r.GetString(), ignoreCase: true, out var parsed)
            ? TokenValidationResult.ToRejection(parsed)
            : null;
        return TokenValidationResult.Create(
            root.GetProperty("valid").GetBoolean(),
            reason,
            String(root, "detail"),
            String(root, "identity"),
            root.TryGetProperty("scopes", out var scopes) && scopes.ValueKind == JsonValueKind.Array ? [.. scopes.EnumerateArray().Select(s => s.GetString()!)] : null,
            Date(root, "issuedAt"),
            Date(root, "expiresOn"));
    }

    public (X509Certificate2 Certificate, string Pem) Certificate()
    {
        using var response = Send(HttpMethod.Get, "certificate", null);
        var pem = Text(response, "certificate");
        return (X509Certificate2.CreateFromPem(pem), pem);
    }

    private static (DateTimeOffset Now, TimeSpan Offset) ClockOf(JsonDocument json) =>
        (json.RootElement.GetProperty("now").GetDateTimeOffset(), TimeSpan.ParseExact(json.RootElement.GetProperty("offset").GetString()!, "c", CultureInfo.InvariantCulture));

    private static string? String(JsonElement root, string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static DateTimeOffset? Date(JsonElement root, string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetDateTimeOffset() : null;

    private HttpResponseMessage Send(HttpMethod method, string route, string? json) => Http.Send(Request(method, route, json));

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string route) => await Http.SendAsync(Request(method, route, null)).ConfigureAwait(false);

    private HttpRequestMessage Request(HttpMethod method, string route, string? json)
    {
        var request = new HttpRequestMessage(method, new Uri(_admin, route));
        request.Headers.Add(AdminAccess.KeyHeader, accessKey);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        }

        return request;
    }

    /// <summary>The clock routes answer 400 with a problem for an offset past 3650 days: the argument's fault.</summary>
    private static void ExpectClock(HttpResponseMessage response, string parameter)
    {
        using (response)
        {
            if (response.StatusCode == HttpStatusCode.BadRequest)
            {
                throw new ArgumentOutOfRangeException(parameter, $"The emulator refused the clock change: {Body(response)}");
            }

            Expect(response, HttpStatusCode.OK, "clock");
        }
    }

    private static JsonDocument Json(HttpResponseMessage response, string route)
    {
        using (response)
        {
            return JsonDocument.Parse(Text(response, route));
        }
    }

    private static string Text(HttpResponseMessage response, string route)
    {
        Expect(response, HttpStatusCode.OK, route);
        return Body(response);
    }

    private static string Body(HttpResponseMessage response)
    {
        using var reader = new StreamReader(response.Content.ReadAsStream());
        return reader.ReadToEnd();
    }

    private static void Expect(HttpResponseMessage response, HttpStatusCode status, string route)
    {
        if (response.StatusCode != status)
        {
            var body = Body(response);
            response.Dispose();
            throw new InvalidOperationException($"The native emulator answered {(int)response.StatusCode} to /emulator/{route} (expected {(int)status}): {body}");
        }
    }
}
