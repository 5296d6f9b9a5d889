using System.Text;

namespace Emulator.Benchmarks.Http;

/// <summary>
/// Cheap checks of response bodies, so that a server answering the right status with the wrong body cannot post
/// fast figures. Parsing JSON fully would cost the load generator CPU that the server shares.
/// </summary>
public static class ResponseChecks
{
    private static readonly byte[] IdentityPrefix = """{"identity":{"id":"8:acs:"""u8.ToArray();
    private static readonly byte[] AccessToken = "\"accessToken\":{\"token\":\"ey"u8.ToArray();
    private static readonly byte[] TokenPrefix = """{"token":"ey"""u8.ToArray();
    private static readonly byte[] IdField = "\"id\":\""u8.ToArray();

    public static bool IsIdentity(byte[] body) => body.AsSpan().StartsWith(IdentityPrefix) && body.AsSpan().IndexOf(AccessToken) < 0;

    public static bool IsIdentityWithToken(byte[] body) => body.AsSpan().StartsWith(IdentityPrefix) && body.AsSpan().IndexOf(AccessToken) > 0;

    public static bool IsToken(byte[] body) => body.AsSpan().StartsWith(TokenPrefix);

    public static bool IsEmpty(byte[] body) => body.Length == 0;

    /// <summary>The raw id of a create-identity response.</summary>
    public static string IdOf(byte[] body)
    {
        var span = body.AsSpan();
        var start = span.IndexOf(IdField);
        if (start < 0)
        {
            throw new HarnessException($"no identity id in '{Excerpt(body)}'.");
        }

        start += IdField.Length;
        var length = span[start..].IndexOf((byte)'"');
        return Encoding.UTF8.GetString(span.Slice(start, length));
    }

    public static string Excerpt(byte[] body) => Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 300));
}
