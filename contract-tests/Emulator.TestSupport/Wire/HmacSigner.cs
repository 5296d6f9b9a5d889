using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Emulator.TestSupport.Wire;

/// <summary>
/// This suite's own ACS access-key signer (reference §6.1), written from the algorithm rather than taken from the
/// emulator, and checked against the real JS SDK's signer by <c>JsSdkSignerTests</c>. The one signer of the test code:
/// the in-process tests, both contract suites and the benchmarks sign with it.
/// </summary>
public static class HmacSigner
{
    /// <summary>The date header current SDKs sign; the 2020-07-20-preview2 SDK signs <see cref="LegacyDateHeader"/> instead.</summary>
    public const string DateHeader = "x-ms-date";

    public const string LegacyDateHeader = "date";

    public const string ContentHashHeader = "x-ms-content-sha256";

    /// <summary>The Authorization scheme; the parameter after it is <see cref="SignedHeaders.Parameter"/>.</summary>
    public const string Scheme = "HMAC-SHA256";

    /// <summary>Base64 SHA-256 of the body; the empty body hashes to <c>47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=</c>.</summary>
    public static string ContentHash(ReadOnlySpan<byte> body) => Convert.ToBase64String(SHA256.HashData(body));

    /// <summary>RFC 1123, as the SDKs send it: <c>Mon, 09 Jan 2023 17:55:58 GMT</c>.</summary>
    public static string FormatDate(DateTimeOffset date) => date.UtcDateTime.ToString("r", CultureInfo.InvariantCulture);

    /// <summary>Signs a request and returns the headers to send.</summary>
    /// <param name="accessKey">Base64 access key of the connection string.</param>
    /// <param name="method">HTTP method.</param>
    /// <param name="uri">Absolute request URI; its escaped path and query are signed as sent on the wire.</param>
    /// <param name="body">Request body bytes (empty for none).</param>
    /// <param name="date">Signing time.</param>
    /// <param name="dateHeader"><see cref="DateHeader"/> or <see cref="LegacyDateHeader"/>.</param>
    public static SignedHeaders Sign(string accessKey, HttpMethod method, Uri uri, ReadOnlySpan<byte> body, DateTimeOffset date, string dateHeader = DateHeader) =>
        Sign(Convert.FromBase64String(accessKey), method, uri, body, date, dateHeader);

    /// <summary>Signs a request with the access key's bytes (decoded once by callers that sign many requests).</summary>
    public static SignedHeaders Sign(ReadOnlySpan<byte> key, HttpMethod method, Uri uri, ReadOnlySpan<byte> body, DateTimeOffset date, string dateHeader = DateHeader)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(uri);
        // Uri.Authority carries the port only when it is not the scheme's default, like the Host header HttpClient sends.
        return SignTarget(key, method.Method, uri.PathAndQuery, uri.Authority, body, date, dateHeader);
    }

    /// <summary>
    /// Signs an explicit request target and host: for requests written byte by byte, and for the variants some SDKs
    /// sign (a target without its leading '/', decoded, another host) that no <see cref="Uri"/> spells.
    /// </summary>
    public static SignedHeaders SignTarget(ReadOnlySpan<byte> key, string method, string pathAndQuery, string host, ReadOnlySpan<byte> body, DateTimeOffset date, string dateHeader = DateHeader)
    {
        ArgumentNullException.ThrowIfNull(method);
        var contentHash = ContentHash(body);
        var formattedDate = FormatDate(date);
        var stringToSign = $"{method.ToUpperInvariant()}\n{pathAndQuery}\n{formattedDate};{host};{contentHash}";
        var signature = Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
        var authorization = $"{Scheme} SignedHeaders={dateHeader};host;{ContentHashHeader}&Signature={signature}";
        return new SignedHeaders(dateHeader, formattedDate, host, contentHash, authorization);
    }
}
