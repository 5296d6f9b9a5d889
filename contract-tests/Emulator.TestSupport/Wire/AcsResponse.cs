using System.Net;
using System.Text.Json;

namespace Emulator.TestSupport.Wire;

/// <summary>A response of the service as it arrived on the wire: status, headers (response and content), raw body.</summary>
public sealed class AcsResponse
{
    private readonly Dictionary<string, string> _headers;

    public AcsResponse(HttpResponseMessage response, string body)
    {
        Status = response.StatusCode;
        Body = body;
        _headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            _headers[name] = string.Join(", ", values);
        }
    }

    public HttpStatusCode Status { get; }

    public string Body { get; }

    /// <summary>The <c>x-ms-client-request-id</c> the request carried.</summary>
    public string? RequestClientId { get; init; }

    /// <summary>The Content-Type header as sent, or null.</summary>
    public string? ContentType => Header("Content-Type");

    /// <summary>The body parsed as JSON.</summary>
    public JsonElement Json
    {
        get
        {
            using var document = JsonDocument.Parse(Body);
            return document.RootElement.Clone();
        }
    }

    public string? Header(string name) => _headers.GetValueOrDefault(name);

    public bool HasHeader(string name) => _headers.ContainsKey(name);

    /// <summary>For assertion messages: status and body, never request headers (they hold signatures).</summary>
    public override string ToString() => $"{(int)Status} {Body}";
}
