using System.Security.Cryptography;
using System.Text;

namespace Emulator.Benchmarks.Http;

/// <summary>
/// Signs requests as the Azure SDKs' access-key policy does (reference §6.1): SHA-256 of the body, RFC 1123 date,
/// HMAC-SHA256 over <c>VERB\npathAndQuery\ndate;host;contentHash</c> with host = <see cref="Uri.Authority"/>.
/// Every request is hashed and signed anew, as an SDK client would; only the date string is cached per second.
/// </summary>
public sealed class AcsRequestSigner(byte[] key, TimeProvider time)
{
    private DateStamp _stamp = new(-1, string.Empty);

    public void Sign(HttpRequestMessage request, ReadOnlySpan<byte> body)
    {
        var uri = request.RequestUri ?? throw new InvalidOperationException("The request has no URI.");
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(body, hash);
        var contentHash = Convert.ToBase64String(hash);
        var date = Date();
        var stringToSign = $"{request.Method.Method}\n{uri.PathAndQuery}\n{date};{uri.Authority};{contentHash}";
        var signature = Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
        request.Headers.TryAddWithoutValidation("x-ms-date", date);
        request.Headers.TryAddWithoutValidation("x-ms-content-sha256", contentHash);
        request.Headers.TryAddWithoutValidation("Authorization", $"HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature={signature}");
    }

    private string Date()
    {
        var now = time.GetUtcNow();
        var second = now.ToUnixTimeSeconds();
        var stamp = Volatile.Read(ref _stamp);
        if (stamp.Second != second)
        {
            stamp = new DateStamp(second, now.ToString("r", System.Globalization.CultureInfo.InvariantCulture));
            Volatile.Write(ref _stamp, stamp);
        }

        return stamp.Value;
    }

    private sealed record DateStamp(long Second, string Value);
}
