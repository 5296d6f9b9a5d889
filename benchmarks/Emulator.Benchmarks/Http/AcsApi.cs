using System.Net.Http.Headers;

namespace Emulator.Benchmarks.Http;

/// <summary>Builds signed requests of the Identity API (api-version 2023-10-01) against one base address.</summary>
public sealed class AcsApi(Uri baseUri, AcsRequestSigner signer)
{
    public const string ApiVersion = "2023-10-01";

    /// <summary>What the .NET SDK sends for CreateUser.</summary>
    public static readonly byte[] CreateBody = "{}"u8.ToArray();

    /// <summary>What the SDKs send for CreateUserAndToken with the chat scope.</summary>
    public static readonly byte[] CreateWithTokenBody = """{"createTokenWithScopes":["chat"]}"""u8.ToArray();

    public static readonly byte[] IssueBody = """{"scopes":["chat"]}"""u8.ToArray();

    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly string _base = baseUri.ToString().TrimEnd('/');

    public Uri BaseUri => baseUri;

    public HttpRequestMessage Create(byte[] body) => Build(HttpMethod.Post, "/identities", body);

    public HttpRequestMessage Issue(string escapedId) => Build(HttpMethod.Post, $"/identities/{escapedId}/:issueAccessToken", IssueBody);

    public HttpRequestMessage Revoke(string escapedId) => Build(HttpMethod.Post, $"/identities/{escapedId}/:revokeAccessTokens", null);

    public HttpRequestMessage Delete(string escapedId) => Build(HttpMethod.Delete, $"/identities/{escapedId}", null);

    public HttpRequestMessage Get(string path) => new(HttpMethod.Get, new Uri(_base + path));

    private HttpRequestMessage Build(HttpMethod method, string path, byte[]? body)
    {
        var request = new HttpRequestMessage(method, new Uri($"{_base}{path}?api-version={ApiVersion}"));
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = Json;
        }

        signer.Sign(request, body ?? []);
        return request;
    }
}
