namespace Emulator.TestSupport.Wire;

/// <summary>
/// Signs every request with an access key through <see cref="HmacSigner"/>, like the SDKs' HMAC policies, unless it
/// already has an Authorization header. <see cref="DateShift"/> and <see cref="Tamper"/> make stale and tampered requests.
/// </summary>
public sealed class HmacSigningHandler(string accessKey, TimeProvider time, string dateHeader = HmacSigner.DateHeader) : DelegatingHandler
{
    /// <summary>Shifts the signed date from the clock (stale-date tests).</summary>
    public TimeSpan DateShift { get; set; }

    /// <summary>Applied after signing: a way to test requests changed after they were signed.</summary>
    public Func<HttpRequestMessage, Task>? Tamper { get; set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Headers.Authorization is null)
        {
            var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            HmacSigner.Sign(accessKey, request.Method, request.RequestUri!, body, time.GetUtcNow() + DateShift, dateHeader).ApplyTo(request);
            if (Tamper is not null)
            {
                await Tamper(request).ConfigureAwait(false);
            }
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
