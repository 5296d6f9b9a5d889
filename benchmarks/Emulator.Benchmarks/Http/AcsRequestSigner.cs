using Emulator.TestSupport.Wire;

namespace Emulator.Benchmarks.Http;

/// <summary>
/// Signs the load generator's requests with the test code's one HMAC signer (<see cref="HmacSigner"/>, checked against
/// the JS SDK's by the contract suite). Every request is hashed and signed anew, as an SDK client would.
/// </summary>
public sealed class AcsRequestSigner(byte[] key, TimeProvider time)
{
    public void Sign(HttpRequestMessage request, ReadOnlySpan<byte> body)
    {
        var uri = request.RequestUri ?? throw new InvalidOperationException("The request has no URI.");
        HmacSigner.Sign(key, request.Method, uri, body, time.GetUtcNow()).ApplyTo(request);
    }
}
