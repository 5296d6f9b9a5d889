namespace Emulator.TestSupport.Wire;

/// <summary>What <see cref="HmacSigner.Sign(string, HttpMethod, Uri, ReadOnlySpan{byte}, DateTimeOffset, string)"/> produces: the headers of a signed request.</summary>
public sealed record SignedHeaders(string DateHeader, string Date, string Host, string ContentHash, string Authorization)
{
    /// <summary>The Authorization header's parameter: <c>SignedHeaders=…&amp;Signature=…</c>, without the scheme.</summary>
    public string Parameter => Authorization[(HmacSigner.Scheme.Length + 1)..];

    /// <summary>Adds the date, content-hash and Authorization headers to <paramref name="request"/>, as the SDKs send them.</summary>
    public void ApplyTo(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Headers.TryAddWithoutValidation(DateHeader, Date);
        request.Headers.TryAddWithoutValidation(HmacSigner.ContentHashHeader, ContentHash);
        request.Headers.TryAddWithoutValidation("Authorization", Authorization);
    }
}
