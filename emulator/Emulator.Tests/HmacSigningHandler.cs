using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Emulator.Tests;

/// <summary>
/// Signs requests the way the SDKs do (reference §6.1), written independently of the emulator's verifier so the
/// tests check it rather than mirror it. <see cref="Tamper"/> changes the request after signing.
/// </summary>
public sealed class HmacSigningHandler(string accessKey, TimeProvider time, HmacSigningHandler.DateStyle style) : DelegatingHandler
{
    public enum DateStyle
    {
        /// <summary>identity 1.x: <c>x-ms-date</c>.</summary>
        MsDate,

        /// <summary>communication-administration 1.0.0-beta: <c>date</c>.</summary>
        Date,
    }

    /// <summary>Applied after signing: a way to test tampered requests.</summary>
    public Func<HttpRequestMessage, Task>? Tamper { get; set; }

    /// <summary>Shifts the signed date from the clock (stale-date tests).</summary>
    public TimeSpan DateShift { get; set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var hash = Convert.ToBase64String(SHA256.HashData(body));
        var date = (time.GetUtcNow() + DateShift).ToString("r", CultureInfo.InvariantCulture);
        var uri = request.RequestUri!;
        var host = uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}";
        var dateHeader = style == DateStyle.MsDate ? "x-ms-date" : "date";
        var toSign = $"{request.Method.Method.ToUpperInvariant()}\n{uri.PathAndQuery}\n{date};{host};{hash}";
        var signature = Convert.ToBase64String(HMACSHA256.HashData(Convert.FromBase64String(accessKey), Encoding.UTF8.GetBytes(toSign)));

        request.Headers.TryAddWithoutValidation(dateHeader, date);
        request.Headers.Add("x-ms-content-sha256", hash);
        request.Headers.TryAddWithoutValidation("Authorization", $"HMAC-SHA256 SignedHeaders={dateHeader};host;x-ms-content-sha256&Signature={signature}");
        if (Tamper is not null)
        {
            await Tamper(request);
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
