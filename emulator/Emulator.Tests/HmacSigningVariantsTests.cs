using System.Text;
using Emulator.Authentication;
using Emulator.Configuration;
using Emulator.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Emulator.Tests;

/// <summary>
/// Every way a real SDK signs the request target (what goes on the wire vs. what is signed), checked against the
/// verifier directly with the raw target a real server reports; and the signatures it must still refuse.
/// </summary>
public sealed class HmacSigningVariantsTests
{
    private const string Host = "localhost:5123";
    private const string Body = "{\"scopes\":[\"chat\"]}";
    private const string Query = "?api-version=2023-10-01";
    private static readonly string Id = $"8:acs:{EmulatorFactory.ResourceId}_0d7c5f6a-3b2e-4c1d-9f8e-7a6b5c4d3e2f";
    private static readonly string Encoded = $"/identities/{Uri.EscapeDataString(Id)}/:issueAccessToken{Query}";
    private static readonly string Decoded = $"/identities/{Id}/:issueAccessToken{Query}";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 30, 0, TimeSpan.Zero));

    private HmacAuthenticator Authenticator() => new(
        new ResourceSettings(EmulatorFactory.ResourceId, EmulatorFactory.AccessKey, "unitedstates", "eastus", "localhost", AccessKeyGenerated: false),
        _time,
        Options.Create(new AuthenticationOptions()));

    /// <summary>A request as the server receives it: <paramref name="sent"/> is the raw target on the wire.</summary>
    private AcsError? Verify(string sent, string signedTarget, string signedHost = Host, string signedBody = Body, string hashedBody = Body, string sentBody = Body)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.Host = new HostString(Host);
        context.Features.Get<IHttpRequestFeature>()!.RawTarget = sent;
        var signed = HmacSigner.SignTarget(Convert.FromBase64String(EmulatorFactory.AccessKey), "POST", signedTarget, signedHost, Encoding.UTF8.GetBytes(signedBody), _time.GetUtcNow());
        context.Request.Headers[HmacSigner.DateHeader] = signed.Date;
        context.Request.Headers[HmacSigner.ContentHashHeader] = HmacSigner.ContentHash(Encoding.UTF8.GetBytes(hashedBody));
        return Authenticator().Verify(context, signed.Parameter, new RequestBody(Encoding.UTF8.GetBytes(sentBody)));
    }

    public static TheoryData<string, string, string> Variants => new()
    {
        // client, sent on the wire, signed
        { ".NET / JS / Python sync over https: the target as sent", Encoded, Encoded },
        { "Python sync over http: as sent, without the leading '/'", Encoded, Encoded[1..] },
        { "Python aio + aiohttp over https: sent decoded, signed decoded", Decoded, Decoded },
        { "Python aio + aiohttp over http: sent decoded, signed decoded without '/'", Decoded, Decoded[1..] },
        { "Python aio + AsyncioRequestsTransport over https: sent encoded, signed decoded", Encoded, Decoded },
        { "Python aio + AsyncioRequestsTransport over http: sent encoded, signed decoded without '/'", Encoded, Decoded[1..] },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void SdkSigningVariant_IsAccepted(string client, string sent, string signedTarget)
    {
        Assert.True(Verify(sent, signedTarget) is null, client);
    }

    [Fact]
    public void SignatureOverAnotherIdentitysPath_IsDenied()
    {
        var other = Decoded.Replace("0d7c5f6a", "1d7c5f6a", StringComparison.Ordinal);

        Assert.Equal("Denied by the resource provider.", Verify(Encoded, other)?.Message);
        Assert.Equal("Denied by the resource provider.", Verify(Encoded, other[1..])?.Message);
        Assert.Equal("Denied by the resource provider.", Verify(Encoded, Uri.EscapeDataString(other))?.Message);
    }

    [Fact]
    public void SignatureOverAnotherOperationOrQuery_IsDenied()
    {
        Assert.NotNull(Verify(Encoded, Decoded.Replace(":issueAccessToken", ":revokeAccessTokens", StringComparison.Ordinal)[1..]));
        Assert.NotNull(Verify(Encoded, Decoded.Replace("2023-10-01", "2022-10-01", StringComparison.Ordinal)[1..]));
    }

    [Fact]
    public void SignatureWithMoreThanTheLeadingSlashRemoved_IsDenied()
    {
        Assert.NotNull(Verify(Encoded, Decoded[2..]));
        Assert.NotNull(Verify("/" + Encoded, Decoded[1..]));
    }

    [Theory]
    [InlineData("localhost:5124")]
    [InlineData("localhost:5123/")]
    [InlineData("127.0.0.1:5123")]
    public void SignatureOverAnotherHost_IsDenied(string signedHost)
    {
        Assert.Equal("Denied by the resource provider.", Verify(Encoded, Decoded[1..], signedHost: signedHost)?.Message);
    }

    [Fact]
    public void SignatureOverAnotherBody_IsDenied()
    {
        // The content hash header matches what was sent; the signature covers another body's hash.
        Assert.Equal("Denied by the resource provider.", Verify(Encoded, Decoded[1..], signedBody: "{\"scopes\":[\"voip\"]}")?.Message);
    }

    [Fact]
    public void BodyOtherThanTheSignedOne_IsContentHashMismatch()
    {
        // Signed and hashed for one body, another one sent (as if changed on the way).
        var error = Verify(Encoded, Decoded[1..], sentBody: "{\"scopes\":[\"voip\"]}");

        Assert.Equal("Request 'x-ms-content-sha256' differs from generated content hash.", error?.Message);
    }
}
