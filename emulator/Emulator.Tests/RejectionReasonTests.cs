using System.Net;
using System.Text;
using System.Text.Json;

namespace Emulator.Tests;

/// <summary>
/// Why a request was refused, as the journal says it: the wire answer stays the live one, the reason names the
/// missing header, the string-to-sign and what was signed instead, the hash, the date window, the token check,
/// the api-versions, or the identity's state.
/// </summary>
public sealed class RejectionReasonTests
{
    private static async Task<JsonElement> LastAsync(EmulatorFactory factory)
    {
        var list = await factory.CreateClient().GetAsync("/emulator/requests?limit=1");
        return (await list.JsonAsync()).GetProperty("requests")[0];
    }

    private static async Task<string> ReasonAsync(EmulatorFactory factory) => (await LastAsync(factory)).GetProperty("reason").GetString()!;

    private static HttpClient Signed(EmulatorFactory factory, Func<HttpRequestMessage, Task>? tamper = null, TimeSpan shift = default, string? key = null)
        => factory.CreateDefaultClient(new HmacSigningHandler(key ?? EmulatorFactory.AccessKey, factory.Time, HmacSigner.DateHeader) { Tamper = tamper, DateShift = shift });

    [Fact]
    public async Task WrongKey_WireStaysDenied_ReasonShowsTheComputedStringToSign()
    {
        using var factory = new EmulatorFactory();
        var client = Signed(factory, key: Convert.ToBase64String(new byte[32]));

        using var response = await client.PostJson($"/identities?api-version={Api.V2023}", "{}");
        var reason = await ReasonAsync(factory);

        await Api.AssertErrorAsync(response, ExpectedError.SignatureInvalid);
        Assert.StartsWith("Signature mismatch: the signature matches none of the variants tried", reason, StringComparison.Ordinal);
        Assert.Contains("The emulator computed \"POST\\n/identities?api-version=2023-10-01\\nMon, 02 Mar 2026 09:30:00 GMT;localhost;", reason, StringComparison.Ordinal);
        var entry = await LastAsync(factory);
        Assert.Equal("rejected", entry.GetProperty("authOutcome").GetString());
        Assert.Equal("Denied", entry.GetProperty("errorCode").GetString());
    }

    [Fact]
    public async Task HostChangedAfterSigning_ReasonSaysTheClientSignedTheHostWithoutPort()
    {
        using var factory = new EmulatorFactory();
        var client = Signed(factory, request =>
        {
            request.Headers.Host = "localhost:8080";
            return Task.CompletedTask;
        });

        using var response = await client.PostJson($"/identities?api-version={Api.V2023}", "{}");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.StartsWith("Signature mismatch: the client signed host 'localhost' without the port (the request's Host is 'localhost:8080').", await ReasonAsync(factory), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TrailingSlashAddedAfterSigning_ReasonSaysSo()
    {
        using var factory = new EmulatorFactory();
        var client = Signed(factory, request =>
        {
            request.RequestUri = new Uri(request.RequestUri!.ToString().Replace("/identities?", "/identities/?", StringComparison.Ordinal));
            return Task.CompletedTask;
        });

        using var response = await client.PostJson($"/identities?api-version={Api.V2023}", "{}");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.StartsWith("Signature mismatch: the client signed the path without its trailing slash.", await ReasonAsync(factory), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BodyChangedAfterSigning_ReasonGivesBothHashes()
    {
        using var factory = new EmulatorFactory();
        var client = Signed(factory, request =>
        {
            request.Content = new StringContent("{\"customId\":\"x\"}", Encoding.UTF8, "application/json");
            return Task.CompletedTask;
        });

        using var response = await client.PostJson($"/identities?api-version={Api.V2023}", "{}");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(
            "Content hash mismatch: x-ms-content-sha256 is 'RBNvo1WzZ4oRRq0W9+hknpT7T8If536DEMBg9hyq/4o=' but the 16-byte body hashes to '5zpqHJkbqx7QKWytL6dgSeMnvFkg4fpvtcFzp9WzAxs='. Hash exactly the bytes sent.",
            await ReasonAsync(factory));
    }

    [Fact]
    public async Task StaleDate_ReasonSaysByHowMuch()
    {
        using var factory = new EmulatorFactory();
        var client = Signed(factory, shift: TimeSpan.FromMinutes(-12.5));

        using var response = await client.PostJson($"/identities?api-version={Api.V2023}", "{}");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.StartsWith(
            "The x-ms-date 'Mon, 02 Mar 2026 09:17:30 GMT' is 12 min 30 s behind the emulator's real clock (Mon, 02 Mar 2026 09:30:00 GMT), 7 min 30 s outside the ±5-minute window",
            await ReasonAsync(factory), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignedHeadersWithoutContentHash_ReasonNamesIt()
    {
        using var factory = new EmulatorFactory();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/identities?api-version={Api.V2023}");
        request.Headers.TryAddWithoutValidation("Authorization", "HMAC-SHA256 SignedHeaders=x-ms-date;host&Signature=AAAA");

        using var response = await factory.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.StartsWith("SignedHeaders 'x-ms-date;host' does not name x-ms-content-sha256", await ReasonAsync(factory), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BearerForAnotherAudience_ReasonGivesTheFailingCheckAndTheTokensAudience_NotTheToken()
    {
        using var factory = new EmulatorFactory();
        static string Part(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var exp = factory.Time.GetUtcNow().AddHours(1).ToUnixTimeSeconds();
        var token = $"{Part("{\"alg\":\"RS256\",\"kid\":\"entra-kid\",\"typ\":\"JWT\"}")}.{Part($"{{\"aud\":\"https://graph.microsoft.com\",\"iss\":\"https://sts.example/\",\"exp\":{exp}}}")}.c2lnbmF0dXJl";
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/identities?api-version={Api.V2023}");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);

        using var response = await factory.CreateClient().SendAsync(request);
        var reason = await ReasonAsync(factory);

        await Api.AssertErrorAsync(response, ExpectedError.TeamsTokenInvalid);
        Assert.StartsWith("Bearer token rejected: wrong audience. Token: aud [https://graph.microsoft.com], iss 'https://sts.example/', kid 'entra-kid', expires at 2026-03-02T10:30:00", reason, StringComparison.Ordinal);
        Assert.Contains("Accepted audiences: [https://communication.azure.com,", reason, StringComparison.Ordinal);
        Assert.DoesNotContain(token.Split('.')[1], reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VersionWithoutTheOperation_ReasonListsTheVersionsThatHaveIt()
    {
        using var factory = new EmulatorFactory();
        var client = factory.CreateSignedClient();
        var id = await client.CreateIdentityAsync();

        using var response = await client.GetAsync($"{Api.Path(id)}?api-version={Api.V2023}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("UnsupportedApiVersion", (await response.JsonAsync()).GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("api-version '2023-10-01' does not have GetIdentity; the versions that do: 2025-03-02-preview.", await ReasonAsync(factory));
    }

    [Fact]
    public async Task DeletedIdentity_ReasonSaysWhen_OtherResource_ReasonSaysWhose()
    {
        using var factory = new EmulatorFactory();
        var client = factory.CreateSignedClient();
        var id = await client.CreateIdentityAsync();
        factory.Time.Advance(TimeSpan.FromMinutes(3));
        using var deleted = await client.DeleteAsync($"{Api.Path(id)}?api-version={Api.V2023}");

        using var issue = await client.PostJson($"{Api.Path(id, "/:issueAccessToken")}?api-version={Api.V2023}", "{\"scopes\":[\"chat\"]}");
        var deletedReason = await ReasonAsync(factory);
        using var other = await client.PostJson($"{Api.Path(EmulatorFactory.IdentityId(Guid.NewGuid(), EmulatorFactory.OtherResourceId), "/:issueAccessToken")}?api-version={Api.V2023}", "{\"scopes\":[\"chat\"]}");
        var otherReason = await ReasonAsync(factory);
        using var never = await client.PostJson($"{Api.Path(EmulatorFactory.IdentityId(Guid.NewGuid()), "/:revokeAccessTokens")}?api-version={Api.V2023}", null);
        var neverReason = await ReasonAsync(factory);

        Assert.Equal(HttpStatusCode.NotFound, issue.StatusCode);
        Assert.Equal("Identity deleted at 2026-03-02T09:33:00.0000000+00:00.", deletedReason);
        Assert.Equal(HttpStatusCode.Unauthorized, other.StatusCode);
        Assert.Equal($"Not owned by this resource: the id belongs to resource '{EmulatorFactory.OtherResourceId}', this emulator is resource '{EmulatorFactory.ResourceId}'.", otherReason);
        Assert.Equal(HttpStatusCode.NotFound, never.StatusCode);
        Assert.StartsWith("No identity with this id exists here", neverReason, StringComparison.Ordinal);
    }
}
