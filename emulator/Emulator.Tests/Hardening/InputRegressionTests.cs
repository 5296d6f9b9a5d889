using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Emulator.Tokens;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Emulator.Tests.Hardening;

/// <summary>
/// The four causes of 500s found by attacking a published emulator (issue 8), each against a real Kestrel server:
/// an unechoable client request id, JWT lifetimes past year 9999, undecodable JSON text, and Kestrel framing errors.
/// </summary>
public sealed class InputRegressionTests : IAsyncLifetime
{
    private const string Create = "/identities?api-version=2023-10-01";
    private KestrelEmulator _emulator = null!;

    public async ValueTask InitializeAsync() => _emulator = await KestrelEmulator.StartAsync();

    public async ValueTask DisposeAsync() => await _emulator.DisposeAsync();

    // ---- 1. x-ms-client-request-id that cannot be echoed ----

    [Theory]
    [InlineData("a\u007Fb", 201)]
    [InlineData("a\u0001b", 201)]
    [InlineData("caf\xc3\xa9", 201)] // the UTF-8 bytes of 'é'
    [InlineData("caf\xe9", 400)] // a Latin-1 byte, not UTF-8: Kestrel refuses the request itself
    public async Task ClientRequestId_WithControlOrNonAsciiByte_IsServedAndNotEchoed(string id, int status)
    {
        var body = "{}"u8.ToArray();
        var response = await RawHttp.SendAsync(_emulator.BaseAddress, RawHttp.Bytes(
            $"POST {Create} HTTP/1.1\r\nHost: {_emulator.Authority}\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n"
            + _emulator.SignatureHeaders("POST", Create, body) + $"x-ms-client-request-id: {id}\r\nConnection: close\r\n\r\n{{}}"));

        Assert.Equal(status, response.Status);
        Assert.False(response.HasHeader("x-ms-client-request-id"), response.Head);
    }

    [Fact]
    public async Task ClientRequestId_WithControlByte_OnUnauthenticatedRequest_Is401()
    {
        using var client = _emulator.CreateClient(withHmac: false);
        using var request = new HttpRequestMessage(HttpMethod.Post, Create) { Content = new StringContent("{}") };
        request.Headers.TryAddWithoutValidation("x-ms-client-request-id", "a\u007Fb");
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(response.Headers.Contains("x-ms-client-request-id"));
    }

    [Fact]
    public async Task ClientRequestId_Printable_IsStillEchoed()
    {
        using var client = _emulator.CreateClient(withHmac: true);
        using var request = new HttpRequestMessage(HttpMethod.Post, Create) { Content = new StringContent("{}") };
        request.Headers.TryAddWithoutValidation("x-ms-client-request-id", "id with spaces ~!");
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("id with spaces ~!", Assert.Single(response.Headers.GetValues("x-ms-client-request-id")));
    }

    // ---- 2. JWT lifetimes at and past DateTimeOffset's range ----

    [Theory]
    [InlineData("253402300799")] // 9999-12-31T23:59:59Z, the last representable second
    [InlineData("253402300600")] // minutes before it: exp + clock skew overflows
    [InlineData("253402300800")] // past year 9999
    [InlineData("9223372036854775807")] // long.MaxValue
    public async Task BearerToken_ExpiringAtOrPastYear9999_IsAccepted(string exp)
        => Assert.Equal(HttpStatusCode.Created, await CreateWithBearerAsync(exp));

    [Theory]
    [InlineData("-9223372036854775808")]
    [InlineData("-62135596801")] // one second before year 1
    public async Task BearerToken_ExpiringBeforeYear1_IsRejected(string exp)
        => Assert.Equal(HttpStatusCode.Unauthorized, await CreateWithBearerAsync(exp));

    /// <summary>An unsigned create identity with an Entra bearer token whose <c>exp</c> claim is <paramref name="exp"/>.</summary>
    private async Task<HttpStatusCode> CreateWithBearerAsync(string exp)
    {
        using var client = _emulator.CreateClient(withHmac: false);
        using var request = new HttpRequestMessage(HttpMethod.Post, Create) { Content = new StringContent("{}") };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + Jwts.Entra(exp));
        using var response = await client.SendAsync(request);

        return response.StatusCode;
    }

    [Theory]
    [InlineData("9223372036854775807")]
    [InlineData("253402300600")]
    public async Task TeamsToken_ExpiringPastYear9999_IsExchangedForATokenEndingWithYear9999(string exp)
    {
        using var client = _emulator.CreateClient(withHmac: true);
        using var response = await client.PostAsync("/teamsUser/:exchangeAccessToken?api-version=2021-10-31-preview",
            new StringContent(JsonSerializer.Serialize(new { token = Jwts.Entra(exp) }), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var token = json.RootElement.GetProperty("token").GetString()!;
        Assert.Equal(9999, json.RootElement.GetProperty("expiresOn").GetDateTimeOffset().Year);

        var validation = await ValidateAsync(token);
        Assert.Equal(HttpStatusCode.OK, validation.StatusCode);
        Assert.True(validation.Json.GetProperty("valid").GetBoolean());
    }

    [Theory]
    [InlineData(long.MaxValue)]
    [InlineData(long.MinValue)]
    public async Task ValidateToken_SignedByTheEmulatorWithExpOutOfRange_AnswersWithoutFailing(long exp)
    {
        var keys = _emulator.Services.GetRequiredService<SigningKeys>();
        var token = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Claims = new Dictionary<string, object>
            {
                ["skypeid"] = "orgid:" + Guid.NewGuid(),
                ["resourceId"] = EmulatorFactory.ResourceId,
                ["acsScope"] = "voip",
                ["iat"] = exp,
                ["exp"] = exp,
            },
            SigningCredentials = keys.Credentials,
        });

        var validation = await ValidateAsync(token);

        Assert.Equal(HttpStatusCode.OK, validation.StatusCode);
        Assert.Equal(exp > 0, validation.Json.GetProperty("valid").GetBoolean());
    }

    // ---- 3. JSON text that cannot be decoded ----

    [Theory]
    [InlineData("""{"token":"\ud800"}""", "$.token")]
    [InlineData("""{"token":"ok\udc00"}""", "$.token")]
    [InlineData("""{"other":["a","\ud800x"],"token":"t"}""", "$.other[1]")]
    [InlineData("""{"\ud800":"t"}""", "$.<property name>")]
    public async Task ValidateToken_WithLoneSurrogate_Is400NamingTheMember(string body, string member)
    {
        var validation = await ValidateAsync(Encoding.UTF8.GetBytes(body));

        Assert.Equal(HttpStatusCode.BadRequest, validation.StatusCode);
        Assert.Contains(member, validation.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidateToken_WithInvalidUtf8_Is400NamingTheMember()
    {
        byte[] body = [.. """{"token":"a"""u8, 0xFF, 0xFE, .. "\"}"u8];
        var validation = await ValidateAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, validation.StatusCode);
        Assert.Contains("$.token", validation.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Create, """{"createTokenWithScopes":["chat","\udc00"]}""", "$.createTokenWithScopes[1]")]
    [InlineData(Create, """{"createTokenWithScopes":["chat"],"x":{"y":"\ud800"}}""", "$.x.y")]
    [InlineData("/teamsUser/:exchangeAccessToken?api-version=2021-10-31-preview", """{"token":"\ud800"}""", "$.token")]
    public async Task EmulatedApi_WithLoneSurrogate_IsValidationErrorNamingTheMember(string path, string body, string member)
    {
        var (status, error) = await PostSignedAsync(path, Encoding.UTF8.GetBytes(body));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("ValidationError", error.GetProperty("code").GetString());
        Assert.Equal(member, error.GetProperty("target").GetString());
    }

    [Fact]
    public async Task EmulatedApi_WithInvalidUtf8PropertyName_IsValidationError()
    {
        byte[] body = [.. "{\""u8, 0xC3, .. "\":1}"u8];
        var (status, error) = await PostSignedAsync(Create, body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("ValidationError", error.GetProperty("code").GetString());
        Assert.Equal("$.<property name>", error.GetProperty("target").GetString());
    }

    // ---- 4. Kestrel framing errors ----

    [Theory]
    [InlineData("zz\r\n")]
    [InlineData("5\r\nabcdeXX")]
    [InlineData("-1\r\n")]
    public async Task BadChunkedFraming_OnEmulatedApi_Is400AcsError(string chunked)
    {
        var response = await RawHttp.SendAsync(_emulator.BaseAddress, RawHttp.Bytes(
            $"POST {Create} HTTP/1.1\r\nHost: {_emulator.Authority}\r\nTransfer-Encoding: chunked\r\nx-ms-client-request-id: framing\r\nConnection: close\r\n\r\n{chunked}"));

        Assert.Equal(400, response.Status);
        using var json = JsonDocument.Parse(Dechunk(response));
        Assert.Equal("BadRequest", json.RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains("x-ms-client-request-id: framing", response.Head, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task BadChunkedFraming_OnAdminRoute_Is400ProblemDetails()
    {
        var response = await RawHttp.SendAsync(_emulator.BaseAddress, RawHttp.Bytes(
            $"POST /emulator/tokens/validate HTTP/1.1\r\nHost: {_emulator.Authority}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n"));

        Assert.Equal(400, response.Status);
        Assert.Contains("application/problem+json", response.Head, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(Dechunk(response));
        Assert.Equal(400, json.RootElement.GetProperty("status").GetInt32());
    }

    [Theory]
    [InlineData("/emulator/tokens/validate", 31_000_000)] // over Kestrel's 30 MB default, which used to answer 500
    [InlineData("/emulator/tokens/validate", 1_048_577)]
    [InlineData("/emulator/clock/advance", 2_000_000)]
    public async Task AdminBody_OverTheLimitByContentLength_Is413(string path, int length)
    {
        var response = await RawHttp.SendAsync(_emulator.BaseAddress, RawHttp.Bytes(
            $"POST {path} HTTP/1.1\r\nHost: {_emulator.Authority}\r\nContent-Length: {length}\r\nConnection: close\r\n\r\n{{\"token\":\""));

        Assert.Equal(413, response.Status);
        Assert.Contains("application/problem+json", response.Head, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminBody_OverTheLimitChunked_Is413()
    {
        var chunk = new string('a', 64 * 1024);
        var body = new StringBuilder();
        for (var i = 0; i < 20; i++)
        {
            body.Append(CultureInfo.InvariantCulture, $"{chunk.Length:x}\r\n{chunk}\r\n");
        }

        var response = await RawHttp.SendAsync(_emulator.BaseAddress, RawHttp.Bytes(
            $"POST /emulator/tokens/validate HTTP/1.1\r\nHost: {_emulator.Authority}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n{body}0\r\n\r\n"));

        Assert.Equal(413, response.Status);
    }

    [Fact]
    public async Task ApiBody_OverTheLimitChunked_Is413AcsError()
    {
        var chunk = new string('a', 32 * 1024);
        var response = await RawHttp.SendAsync(_emulator.BaseAddress, RawHttp.Bytes(
            $"POST {Create} HTTP/1.1\r\nHost: {_emulator.Authority}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
            + $"{chunk.Length:x}\r\n{chunk}\r\n{chunk.Length:x}\r\n{chunk}\r\n{chunk.Length:x}\r\n{chunk}\r\n0\r\n\r\n"));

        Assert.Equal(413, response.Status);
        using var json = JsonDocument.Parse(Dechunk(response));
        Assert.Equal("RequestEntityTooLarge", json.RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task AdminBody_UnderTheLimitChunked_IsRead()
    {
        var token = JsonSerializer.Serialize(new { token = "not-a-token" });
        var response = await RawHttp.SendAsync(_emulator.BaseAddress, RawHttp.Bytes(
            $"POST /emulator/tokens/validate HTTP/1.1\r\nHost: {_emulator.Authority}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n{token.Length:x}\r\n{token}\r\n0\r\n\r\n"));

        Assert.Equal(200, response.Status);
        Assert.Contains("\"malformed\"", Dechunk(response), StringComparison.OrdinalIgnoreCase);
    }

    private async Task<(HttpStatusCode StatusCode, JsonElement Json)> ValidateAsync(string token)
        => await ValidateAsync(JsonSerializer.SerializeToUtf8Bytes(new { token }));

    private async Task<(HttpStatusCode StatusCode, JsonElement Json)> ValidateAsync(byte[] body)
    {
        using var client = _emulator.CreateClient(withHmac: false);
        using var response = await client.PostAsync("/emulator/tokens/validate", new ByteArrayContent(body));
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private async Task<(HttpStatusCode Status, JsonElement Error)> PostSignedAsync(string path, byte[] body)
    {
        using var client = _emulator.CreateClient(withHmac: true);
        using var response = await client.PostAsync(path, new ByteArrayContent(body));
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.GetProperty("error").Clone());
    }

    /// <summary>The body of a raw response, chunked or not.</summary>
    private static string Dechunk(RawHttp.Response response)
    {
        if (!response.Head.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase))
        {
            return response.Body;
        }

        var result = new StringBuilder();
        var rest = response.Body;
        while (true)
        {
            var line = rest.IndexOf("\r\n", StringComparison.Ordinal);
            var size = Convert.ToInt32(rest[..line], 16);
            if (size == 0)
            {
                return result.ToString();
            }

            result.Append(rest, line + 2, size);
            rest = rest[(line + 2 + size + 2)..];
        }
    }
}
