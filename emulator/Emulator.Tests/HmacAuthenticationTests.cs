using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Text;

namespace Emulator.Tests;

/// <summary>
/// HMAC-SHA256 access-key authentication (reference §6.1) where it needs the fake clock, the store or raw headers:
/// wrong credentials never reach a handler. Signatures over a tampered body, query or date are contract scenarios.
/// </summary>
public sealed class HmacAuthenticationTests : IClassFixture<EmulatorFactory>
{
    private const string CreatePath = "/identities?api-version=2023-10-01";
    private readonly EmulatorFactory _factory;

    public HmacAuthenticationTests(EmulatorFactory factory) => _factory = factory;

    private (HttpClient Client, HmacSigningHandler Signer) Client(string? key = null, string dateHeader = HmacSigner.DateHeader)
    {
        var signer = new HmacSigningHandler(key ?? EmulatorFactory.AccessKey, _factory.Time, dateHeader);
        return (_factory.CreateDefaultClient(signer), signer);
    }

    private int IdentityCount() => _factory.Services.GetRequiredService<Emulator.Identities.IdentityStore>().Count;

    [Fact]
    public async Task WrongKey_IsDenied_AndCreatesNothing()
    {
        var (client, _) = Client(key: Convert.ToBase64String(Encoding.UTF8.GetBytes("another-resource-key-0123456789")));
        var before = IdentityCount();

        using var response = await client.PostJson(CreatePath, "{}");

        await Api.AssertErrorAsync(response, ExpectedError.SignatureInvalid);
        Assert.Equal(before, IdentityCount());
    }

    [Theory]
    [InlineData(-6)]
    [InlineData(6)]
    public async Task StaleOrFutureDate_IsOutsideTheSkewWindow(int minutes)
    {
        var (client, signer) = Client();
        signer.DateShift = TimeSpan.FromMinutes(minutes);

        using var response = await client.PostJson(CreatePath, "{}");

        await Api.AssertErrorAsync(response, ExpectedError.DateOutsideSkew);
    }

    [Fact]
    public async Task DateWithinSkew_IsAccepted()
    {
        var (client, signer) = Client();
        signer.DateShift = TimeSpan.FromMinutes(-4);

        using var response = await client.PostJson(CreatePath, "{}");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task MovingTheEmulatedClock_DoesNotLockClientsOut()
    {
        var (client, _) = Client();
        var clock = _factory.Services.GetRequiredService<Emulator.Infrastructure.EmulatorClock>();
        clock.Advance(TimeSpan.FromDays(2));
        try
        {
            using var response = await client.PostJson(CreatePath, "{}");

            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }
        finally
        {
            clock.SetOffset(TimeSpan.Zero);
        }
    }

    [Fact]
    public async Task MissingAuthorization_IsDenied()
    {
        var client = _factory.CreateClient();

        using var response = await client.PostJson(CreatePath, "{}");

        await Api.AssertErrorAsync(response, ExpectedError.AuthorizationMissing);
    }

    [Theory]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("HMAC-SHA256 Signature=abc")]
    [InlineData("HMAC-SHA256 SignedHeaders=host&Signature=abc")]
    public async Task MalformedAuthorization_IsDenied(string header)
    {
        var client = _factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, CreatePath);
        request.Headers.TryAddWithoutValidation("Authorization", header);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Denied", (await response.JsonAsync()).GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task AuthenticationComesBeforeApiVersion()
    {
        var client = _factory.CreateClient();

        using var response = await client.PostJson("/identities?api-version=1999-01-01", "{}");

        await Api.AssertErrorAsync(response, ExpectedError.AuthorizationMissing);
    }
}
