namespace Emulator.ContractTests.Infrastructure;

/// <summary>Signs every request with an access key, like the SDKs' HMAC policies, unless it already has an Authorization header.</summary>
public sealed class HmacSigningHandler(string accessKey, TimeProvider time, string dateHeader = HmacSigner.DateHeader) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Headers.Authorization is null)
        {
            var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            var signed = HmacSigner.Sign(accessKey, request.Method, request.RequestUri!, body, time.GetUtcNow(), dateHeader);
            request.Headers.TryAddWithoutValidation(signed.DateHeader, signed.Date);
            request.Headers.TryAddWithoutValidation(HmacSigner.ContentHashHeader, signed.ContentHash);
            request.Headers.TryAddWithoutValidation("Authorization", signed.Authorization);
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
