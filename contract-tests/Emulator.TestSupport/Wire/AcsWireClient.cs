using System.Net.Http.Headers;
using System.Text;

namespace Emulator.TestSupport.Wire;

/// <summary>Sends requests to the Identity API as the SDKs do (reference §13), through an already signing <see cref="HttpClient"/>.</summary>
public sealed class AcsWireClient(HttpClient http)
{
    public const string ClientRequestIdHeader = "x-ms-client-request-id";

    public Uri BaseAddress => http.BaseAddress!;

    /// <summary>
    /// Sends <paramref name="method"/> <paramref name="path"/><c>?api-version=</c><paramref name="apiVersion"/>.
    /// A null <paramref name="json"/> sends no body (Content-Length 0); <paramref name="contentType"/> is sent as is,
    /// without the charset HttpClient would add.
    /// </summary>
    public async Task<AcsResponse> SendAsync(
        HttpMethod method,
        string path,
        string? apiVersion,
        string? json = null,
        string? contentType = "application/json",
        Action<HttpRequestMessage>? customize = null,
        CancellationToken cancellationToken = default)
    {
        var target = apiVersion is null ? path : $"{path}?api-version={apiVersion}";
        using var request = new HttpRequestMessage(method, new Uri(BaseAddress, target));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.TryAddWithoutValidation(ClientRequestIdHeader, Guid.NewGuid().ToString());
        if (json is not null || (method == HttpMethod.Post && contentType is not null))
        {
            request.Content = new ByteArrayContent(json is null ? [] : Encoding.UTF8.GetBytes(json));
            if (contentType is not null)
            {
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            }
        }

        customize?.Invoke(request);
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return new AcsResponse(response, body) { RequestClientId = request.Headers.GetValues(ClientRequestIdHeader).First() };
    }

    /// <summary>The path of an identity: the raw id percent-encoded as one segment, as the SDKs send it.</summary>
    public static string IdentityPath(string id, string suffix = "") => "/identities/" + Uri.EscapeDataString(id) + suffix;
}
