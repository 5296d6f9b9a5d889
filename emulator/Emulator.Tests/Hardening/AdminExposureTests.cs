using System.Net;
using System.Text;
using Emulator.Admin;
using Emulator.Configuration;
using Emulator.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Emulator.Tests.Hardening;

/// <summary>
/// The /emulator/ routes as a caller on another host sees them (the remote address set through a connection-info
/// seam): the access key and the state-changing routes need the key, health and certificate stay open.
/// </summary>
public sealed class AdminExposureTests
{
    private static readonly IPAddress Remote = IPAddress.Parse("203.0.113.7");

    private static WebApplicationFactory<Program> From(EmulatorFactory factory, IPAddress remote) =>
        factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter>(new RemoteAddressStartupFilter(remote))));

    /// <summary>A client of the same server as <paramref name="remote"/> that signs requests to the emulated API.</summary>
    private static HttpClient Signed(EmulatorFactory factory, WebApplicationFactory<Program> remote)
        => remote.CreateDefaultClient(new HmacSigningHandler(EmulatorFactory.AccessKey, factory.Time, HmacSigner.DateHeader));

    private static HttpRequestMessage Request(HttpMethod method, string path, string? key = null, string? json = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (key is not null)
        {
            request.Headers.Add(AdminAccess.KeyHeader, key);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return request;
    }

    [Theory]
    [InlineData("GET", "/emulator/info")]
    [InlineData("GET", "/Emulator/Info/")]
    [InlineData("POST", "/emulator/reset")]
    [InlineData("PUT", "/emulator/clock")]
    [InlineData("POST", "/emulator/clock/advance")]
    [InlineData("DELETE", "/emulator/clock")]
    [InlineData("GET", "/emulator/identities")]
    [InlineData("GET", "/emulator/a-route-added-later")]
    public async Task RemoteCaller_WithoutKey_IsRefused_AndNeverSeesTheKey(string method, string path)
    {
        using var factory = new EmulatorFactory();
        using var remote = From(factory, Remote);
        using var response = await remote.CreateClient().SendAsync(Request(new HttpMethod(method), path, json: method is "PUT" or "POST" ? "{\"seconds\":60,\"offsetSeconds\":60}" : null));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain(EmulatorFactory.AccessKey, body, StringComparison.Ordinal);
        Assert.Contains(AdminAccess.KeyHeader, body, StringComparison.Ordinal);
        Assert.Contains("Admin:RemoteAccess=Open", body, StringComparison.Ordinal);
        Assert.Contains("203.0.113.7", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RemoteCaller_WithoutKey_ChangesNothing()
    {
        using var factory = new EmulatorFactory();
        using var remote = From(factory, Remote);
        var id = await Signed(factory, remote).CreateIdentityAsync();
        var client = remote.CreateClient();

        using var reset = await client.SendAsync(Request(HttpMethod.Post, "/emulator/reset"));
        using var advance = await client.SendAsync(Request(HttpMethod.Post, "/emulator/clock/advance", json: "{\"seconds\":3600}"));

        Assert.Equal(HttpStatusCode.Unauthorized, reset.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, advance.StatusCode);
        using var identity = await client.SendAsync(Request(HttpMethod.Get, $"/emulator/identities/{Uri.EscapeDataString(id)}", key: EmulatorFactory.AccessKey));
        Assert.Equal(HttpStatusCode.OK, identity.StatusCode);
        Assert.Equal(TimeSpan.Zero, remote.Services.GetRequiredService<Emulator.Infrastructure.EmulatorClock>().Offset);
    }

    [Fact]
    public async Task RemoteCaller_WithTheKey_GetsInfoAndMayReset_AndAWrongKeyIsForbidden()
    {
        using var factory = new EmulatorFactory();
        using var remote = From(factory, Remote);
        var id = await Signed(factory, remote).CreateIdentityAsync();
        var client = remote.CreateClient();

        using var wrong = await client.SendAsync(Request(HttpMethod.Get, "/emulator/info", key: "bm90LXRoZS1rZXk="));
        using var info = await client.SendAsync(Request(HttpMethod.Get, "/emulator/info", key: EmulatorFactory.AccessKey));
        using var reset = await client.SendAsync(Request(HttpMethod.Post, "/emulator/reset", key: EmulatorFactory.AccessKey));

        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.DoesNotContain(EmulatorFactory.AccessKey, await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, info.StatusCode);
        Assert.Equal(EmulatorFactory.AccessKey, (await info.JsonAsync()).GetProperty("accessKey").GetString());
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        using var forgotten = await client.SendAsync(Request(HttpMethod.Get, $"/emulator/identities/{Uri.EscapeDataString(id)}", key: EmulatorFactory.AccessKey));
        Assert.Equal(HttpStatusCode.NotFound, forgotten.StatusCode);
    }

    [Fact]
    public async Task RemoteCaller_WithRemoteAccessOpen_NeedsNoKey_AndTheBannerWarns()
    {
        using var factory = new EmulatorFactory();
        factory.Settings["Admin:RemoteAccess"] = "Open";
        factory.Settings["Server:ListenAddress"] = "*";
        using var remote = From(factory, Remote);
        var client = remote.CreateClient();

        using var info = await client.SendAsync(Request(HttpMethod.Get, "/emulator/info"));
        using var advance = await client.SendAsync(Request(HttpMethod.Post, "/emulator/clock/advance", json: "{\"seconds\":60}"));

        Assert.Equal(HttpStatusCode.OK, info.StatusCode);
        Assert.Equal(EmulatorFactory.AccessKey, (await info.JsonAsync()).GetProperty("accessKey").GetString());
        Assert.Equal(HttpStatusCode.OK, advance.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(60), remote.Services.GetRequiredService<Emulator.Infrastructure.EmulatorClock>().Offset);
        using var banner = new StringWriter();
        Banner.Write(remote.Services, banner);
        Assert.Contains("WARNING: listening on * with Admin:RemoteAccess=Open", banner.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET", "/emulator/health/live")]
    [InlineData("GET", "/emulator/health/ready")]
    [InlineData("GET", "/emulator/certificate")]
    [InlineData("GET", "/emulator/jwks")]
    [InlineData("GET", "/emulator/.well-known/openid-configuration")]
    public async Task RemoteCaller_WithoutKey_StillReachesHealthCertificateAndKeys(string method, string path)
    {
        using var factory = new EmulatorFactory();
        using var remote = From(factory, Remote);

        using var response = await remote.CreateClient().SendAsync(Request(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(EmulatorFactory.AccessKey, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RemoteCaller_WithoutKey_MayValidateATokenItHolds()
    {
        using var factory = new EmulatorFactory();
        using var remote = From(factory, Remote);

        using var response = await remote.CreateClient().SendAsync(Request(HttpMethod.Post, "/emulator/tokens/validate", json: "{\"token\":\"not-a-jwt\"}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("malformed", (await response.JsonAsync()).GetProperty("reason").GetString());
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.8.9.10")]
    [InlineData("::1")]
    [InlineData("::ffff:127.0.0.1")]
    public async Task LoopbackCaller_NeedsNoKey(string address)
    {
        using var factory = new EmulatorFactory();
        using var local = From(factory, IPAddress.Parse(address));

        using var info = await local.CreateClient().GetAsync("/emulator/info");
        using var reset = await local.CreateClient().PostAsync("/emulator/reset", null);

        Assert.Equal(HttpStatusCode.OK, info.StatusCode);
        Assert.Equal(EmulatorFactory.AccessKey, (await info.JsonAsync()).GetProperty("accessKey").GetString());
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
    }

    [Theory]
    [InlineData("GET", "/health/ready", "203.0.113.7", null, nameof(AdminRemoteAccess.Key), nameof(AdminAccessDecision.Allowed))]
    [InlineData("POST", "/health/ready", "203.0.113.7", null, nameof(AdminRemoteAccess.Key), nameof(AdminAccessDecision.KeyMissing))]
    [InlineData("GET", "/tokens/validate", "203.0.113.7", null, nameof(AdminRemoteAccess.Key), nameof(AdminAccessDecision.KeyMissing))]
    [InlineData("GET", "/info", "10.88.0.1", "", nameof(AdminRemoteAccess.Key), nameof(AdminAccessDecision.KeyMissing))]
    [InlineData("GET", "/info", "10.88.0.1", "key", nameof(AdminRemoteAccess.Key), nameof(AdminAccessDecision.Allowed))]
    [InlineData("GET", "/info", "10.88.0.1", "key ", nameof(AdminRemoteAccess.Key), nameof(AdminAccessDecision.KeyWrong))]
    [InlineData("GET", "/info", "fd00::2", "KEY", nameof(AdminRemoteAccess.Key), nameof(AdminAccessDecision.KeyWrong))]
    [InlineData("POST", "/reset", "192.0.2.2", null, nameof(AdminRemoteAccess.Open), nameof(AdminAccessDecision.Allowed))]
    [InlineData("POST", "/reset", null, null, nameof(AdminRemoteAccess.Key), nameof(AdminAccessDecision.Allowed))]
    public void Decide_FollowsTheRules(string method, string path, string? remote, string? presented, string policy, string expected)
        => Assert.Equal(
            Enum.Parse<AdminAccessDecision>(expected),
            AdminAccess.Decide(method, path, remote is null ? null : IPAddress.Parse(remote), presented, Enum.Parse<AdminRemoteAccess>(policy), "key"));

    [Fact]
    public async Task RealSocket_LoopbackCaller_GetsTheKeyAndMayReset_AsBefore()
    {
        await using var app = EmulatorApp.Create(["--listen", "127.0.0.1", "--port", "0", "--https-port", "-1", "--data-dir", "none", "--access-key", EmulatorFactory.AccessKey]);
        await app.StartAsync(TestContext.Current.CancellationToken);
        var endpoint = app.Services.GetRequiredService<BoundUrls>().Http!.Replace("localhost", "127.0.0.1", StringComparison.Ordinal);
        using var http = new HttpClient { BaseAddress = new Uri(endpoint) };

        using var info = await http.GetAsync("/emulator/info", TestContext.Current.CancellationToken);
        using var reset = await http.PostAsync("/emulator/reset", null, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, info.StatusCode);
        Assert.Equal(EmulatorFactory.AccessKey, (await info.JsonAsync()).GetProperty("accessKey").GetString());
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        using var banner = new StringWriter();
        Banner.Write(app.Services, banner);
        Assert.Contains("Exposure: listening on loopback only (127.0.0.1)", banner.ToString(), StringComparison.Ordinal);
        await app.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public void Banner_BeyondLoopback_SaysWhatIsOpenAndHowToReachTheRest()
    {
        var line = Banner.Exposure("*", AdminRemoteAccess.Key);

        Assert.Contains("health, certificate, jwks, discovery and tokens/validate", line, StringComparison.Ordinal);
        Assert.Contains($"{AdminAccess.KeyHeader}: <access key>", line, StringComparison.Ordinal);
        Assert.Contains("--admin-remote Open", line, StringComparison.Ordinal);
    }

    [Fact]
    public void RemoteAccess_OtherThanKeyOrOpen_IsASettingsError()
    {
        var error = Assert.Throws<EmulatorConfigurationException>(() => EmulatorApp.Create(["--admin-remote", "maybe", "--data-dir", "none"]));

        Assert.Contains("Admin:RemoteAccess 'maybe' is invalid: use Key or Open.", error.Message, StringComparison.Ordinal);
    }
}
