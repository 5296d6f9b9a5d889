using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.Extensions.DependencyInjection;

namespace Emulator.Tests;

/// <summary>The emulator's own endpoints under /emulator: health, info, reset, inspection, clock and certificate.</summary>
public sealed class AdminEndpointTests
{
    [Fact]
    public async Task Health_LiveAndReady()
    {
        using var factory = new EmulatorFactory();
        var client = factory.CreateClient();

        Assert.Equal("{\"status\":\"live\"}", await client.GetStringAsync("/emulator/health/live"));
        Assert.Equal("{\"status\":\"ready\"}", await client.GetStringAsync("/emulator/health/ready"));
    }

    [Fact]
    public async Task Info_GivesAConnectionStringThatWorks()
    {
        using var factory = new EmulatorFactory();
        var client = factory.CreateClient();

        using var response = await client.GetAsync("/emulator/info");
        var info = await response.JsonAsync();

        Assert.Equal(EmulatorFactory.ResourceId, info.GetProperty("resourceId").GetString());
        Assert.Equal($"endpoint=http://localhost/;accesskey={EmulatorFactory.AccessKey}", info.GetProperty("connectionStrings").GetProperty("http").GetString());
        Assert.Equal($"endpoint=http://localhost/;accesskey={EmulatorFactory.AccessKey}", info.GetProperty("requestConnectionString").GetString());
        Assert.Contains("2020-07-20-preview2", info.GetProperty("apiVersions").EnumerateArray().Select(v => v.GetString()));
    }

    [Fact]
    public async Task Info_RequestConnectionString_FollowsTheHostTheClientUsed()
    {
        using var factory = new EmulatorFactory();
        var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/emulator/info");
        request.Headers.Host = "127.0.0.1:18080";

        using var response = await client.SendAsync(request);

        Assert.Equal($"endpoint=http://127.0.0.1:18080/;accesskey={EmulatorFactory.AccessKey}", (await response.JsonAsync()).GetProperty("requestConnectionString").GetString());
    }

    [Fact]
    public async Task Reset_ForgetsEverything_OrOneIdentity()
    {
        using var factory = new EmulatorFactory();
        var client = factory.CreateSignedClient();
        var first = await client.CreateIdentityAsync();
        var second = await client.CreateIdentityAsync();

        using var resetOne = await client.PostAsync($"/emulator/reset?id={Uri.EscapeDataString(first)}", null);
        using var listAfterOne = await client.GetAsync("/emulator/identities");
        using var unknown = await client.PostAsync($"/emulator/reset?id={Uri.EscapeDataString(first)}", null);
        using var resetAll = await client.PostAsync("/emulator/reset", null);
        using var listAfterAll = await client.GetAsync("/emulator/identities");

        Assert.Equal(HttpStatusCode.NoContent, resetOne.StatusCode);
        var remaining = (await listAfterOne.JsonAsync()).GetProperty("value").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToArray();
        Assert.Equal([second], remaining);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, resetAll.StatusCode);
        Assert.Equal(0, (await listAfterAll.JsonAsync()).GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Inspect_ShowsTokenState()
    {
        using var factory = new EmulatorFactory();
        var client = factory.CreateSignedClient();
        var id = await client.CreateIdentityAsync();
        await client.IssueTokenAsync(id);
        await client.IssueTokenAsync(id);
        using var revoke = await client.PostJson($"{Api.Path(id, "/:revokeAccessTokens")}?api-version=2023-10-01", null);

        var state = await (await client.GetAsync($"/emulator/identities/{Uri.EscapeDataString(id)}")).JsonAsync();

        Assert.Equal(2, state.GetProperty("tokensIssued").GetInt32());
        Assert.Equal(factory.Time.GetUtcNow(), state.GetProperty("tokensRevokedAt").GetDateTimeOffset());
        Assert.Equal(factory.Time.GetUtcNow(), state.GetProperty("lastTokenIssuedAt").GetDateTimeOffset());
        Assert.False(state.GetProperty("deleted").GetBoolean());
    }

    [Fact]
    public async Task Clock_AdvanceSetAndClear_DriveTokenLifetimes()
    {
        using var factory = new EmulatorFactory();
        var client = factory.CreateSignedClient();
        var start = factory.Time.GetUtcNow();

        using var advanced = await client.PostJson("/emulator/clock/advance", "{\"seconds\":3600}");
        var afterAdvance = await advanced.JsonAsync();
        using var created = await client.PostJson("/identities?api-version=2023-10-01", "{\"createTokenWithScopes\":[\"chat\"]}");
        var expiresOn = (await created.JsonAsync()).GetProperty("accessToken").GetProperty("expiresOn").GetDateTimeOffset();
        using var set = await client.PutAsync("/emulator/clock", new StringContent($"{{\"now\":\"{start.AddDays(-1):O}\"}}", Encoding.UTF8, "application/json"));
        var afterSet = await set.JsonAsync();
        using var cleared = await client.DeleteAsync("/emulator/clock");
        var afterClear = await cleared.JsonAsync();

        Assert.Equal(start.AddHours(1), afterAdvance.GetProperty("now").GetDateTimeOffset());
        Assert.Equal(3600, afterAdvance.GetProperty("offsetSeconds").GetDouble());
        Assert.Equal(start.AddHours(1).AddDays(1), expiresOn);
        Assert.Equal(-86400, afterSet.GetProperty("offsetSeconds").GetDouble());
        Assert.Equal(start, afterClear.GetProperty("now").GetDateTimeOffset());
    }

    [Theory]
    [InlineData("POST", "/emulator/clock/advance", "{\"seconds\":-1}")]
    [InlineData("POST", "/emulator/clock/advance", "{}")]
    [InlineData("POST", "/emulator/clock/advance", "not json")]
    [InlineData("POST", "/emulator/clock/advance", "{\"seconds\":\"60\"}")]
    [InlineData("PUT", "/emulator/clock", "{\"offsetSeconds\":\"soon\"}")]
    [InlineData("PUT", "/emulator/clock", "{\"now\":\"yesterday\"}")]
    [InlineData("PUT", "/emulator/clock", "{\"offsetSeconds\":1e12}")]
    public async Task Clock_BadInput_IsProblem400(string method, string path, string body)
    {
        using var factory = new EmulatorFactory();
        var client = factory.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.Zero, factory.Services.GetRequiredService<Emulator.Infrastructure.EmulatorClock>().Offset);
    }

    [Fact]
    public async Task Certificate_IsAPemForLocalhost()
    {
        using var factory = new EmulatorFactory();
        var client = factory.CreateClient();

        using var response = await client.GetAsync("/emulator/certificate");
        var pem = await response.Content.ReadAsStringAsync();
        using var certificate = X509Certificate2.CreateFromPem(pem);

        Assert.Equal("application/x-pem-file", response.Content.Headers.ContentType?.MediaType);
        Assert.True(certificate.MatchesHostname("localhost"));
        Assert.True(certificate.MatchesHostname("127.0.0.1"));
        Assert.False(certificate.HasPrivateKey);
    }
}
