using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DotNet.Testcontainers.Configurations;
using Testcontainers.AcsIdentityEmulator;

namespace Emulator.Testcontainers.Tests;

/// <summary>One emulator container for the test class, started through the module.</summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    private AcsIdentityEmulatorContainer? _emulator;

    public AcsIdentityEmulatorContainer Emulator => _emulator ?? throw new InvalidOperationException("not started");

    public async ValueTask InitializeAsync()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("EMULATOR_IMAGE")))
        {
            return;
        }

        _emulator = new AcsIdentityEmulatorBuilder(Image).WithHostIp("127.0.0.1").Build();
        await _emulator.StartAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }
    }

    public static string Image => Environment.GetEnvironmentVariable("EMULATOR_IMAGE") ?? "";
}

/// <summary>
/// Starts the real image through Testcontainers. Skipped unless EMULATOR_IMAGE names a built image (the container
/// engine comes from DOCKER_HOST as usual); .ci/container.sh sets both.
/// </summary>
public sealed class EmulatorContainerTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private AcsIdentityEmulatorContainer Emulator => fixture.Emulator;

    private static void RequireImage() =>
        Assert.SkipWhen(string.IsNullOrEmpty(Environment.GetEnvironmentVariable("EMULATOR_IMAGE")), "EMULATOR_IMAGE is not set: no emulator image to start");

    [Fact]
    public async Task Started_container_is_ready_and_uses_the_modules_access_key()
    {
        RequireImage();
        using var http = new HttpClient();
        var ct = TestContext.Current.CancellationToken;

        var ready = await http.GetAsync(new Uri(Emulator.HttpEndpoint, "emulator/health/ready"), ct);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);

        using var admin = Emulator.CreateAdminClient();
        using var info = JsonDocument.Parse(await admin.GetStringAsync(new Uri("/emulator/info", UriKind.Relative), ct));
        var httpConnectionString = info.RootElement.GetProperty("connectionStrings").GetProperty("http").GetString();
        Assert.EndsWith($"accesskey={Emulator.AccessKey}", httpConnectionString, StringComparison.Ordinal);
        Assert.StartsWith("endpoint=http://127.0.0.1:", Emulator.GetConnectionString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Container_connection_string_names_the_container_and_its_inner_port()
    {
        RequireImage();
        var expected = $"endpoint=http://{Emulator.Name.TrimStart('/')}:{AcsIdentityEmulatorBuilder.HttpPort}/;accesskey={Emulator.AccessKey}";
        Assert.Equal(expected, Emulator.GetConnectionString(ConnectionMode.Container));
    }

    [Fact]
    public async Task Start_that_cannot_become_ready_in_time_fails_with_a_timeout_naming_the_readiness_path()
    {
        RequireImage();
        // The emulator listens on 9090 inside the container, so nothing answers on the published 8080: never ready.
        await using var never = new AcsIdentityEmulatorBuilder(EmulatorFixture.Image)
            .WithHostIp("127.0.0.1")
            .WithSetting("Server:HttpPort", "9090")
            .WithStartupTimeout(TimeSpan.FromSeconds(10))
            .Build();
        var started = DateTimeOffset.UtcNow;
        var error = await Assert.ThrowsAsync<TimeoutException>(() => never.StartAsync(TestContext.Current.CancellationToken));
        Assert.Contains(AcsIdentityEmulatorBuilder.ReadinessPath, error.Message, StringComparison.Ordinal);
        Assert.Contains("within 10 s", error.Message, StringComparison.Ordinal);
        Assert.InRange(DateTimeOffset.UtcNow - started, TimeSpan.FromSeconds(9), TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task Admin_client_resets_the_emulator_through_the_port_mapping()
    {
        RequireImage();
        var ct = TestContext.Current.CancellationToken;
        using var admin = Emulator.CreateAdminClient();
        using var http = new HttpClient();
        var (created, body) = await CreateIdentityAsync(http, Emulator.GetConnectionString());
        Assert.Equal(HttpStatusCode.Created, created);
        using var json = JsonDocument.Parse(body);
        var id = json.RootElement.GetProperty("identity").GetProperty("id").GetString()!;

        using var reset = await admin.PostAsync(new Uri("/emulator/reset", UriKind.Relative), null, ct);
        using var forgotten = await admin.GetAsync(new Uri($"/emulator/identities/{Uri.EscapeDataString(id)}", UriKind.Relative), ct);

        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, forgotten.StatusCode);
    }

    [Fact]
    public async Task Connection_string_authenticates_a_signed_create_identity_over_http()
    {
        RequireImage();
        using var http = new HttpClient();
        var (status, body) = await CreateIdentityAsync(http, Emulator.GetConnectionString());
        Assert.Equal(HttpStatusCode.Created, status);
        using var json = JsonDocument.Parse(body);
        Assert.StartsWith("8:acs:", json.RootElement.GetProperty("identity").GetProperty("id").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Https_is_trusted_with_the_certificate_from_the_container()
    {
        RequireImage();
        var ct = TestContext.Current.CancellationToken;
        using (var untrusting = new HttpClient())
        {
            await Assert.ThrowsAsync<HttpRequestException>(() => untrusting.GetAsync(new Uri(Emulator.HttpsEndpoint, "emulator/health/ready"), ct));
        }

        using var handler = await Emulator.CreateTrustingHandlerAsync(ct);
        using var http = new HttpClient(handler);
        var (status, _) = await CreateIdentityAsync(http, Emulator.GetHttpsConnectionString());
        Assert.Equal(HttpStatusCode.Created, status);
    }

    [Fact]
    public async Task Wrong_access_key_is_rejected()
    {
        RequireImage();
        using var http = new HttpClient();
        var wrong = $"endpoint={Emulator.HttpEndpoint};accesskey={Convert.ToBase64String(RandomNumberGenerator.GetBytes(64))}";
        var (status, _) = await CreateIdentityAsync(http, wrong);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    /// <summary>POST /identities signed as the ACS SDKs sign (HMAC-SHA256 over verb, path and query, date;host;hash).</summary>
    private static async Task<(HttpStatusCode Status, string Body)> CreateIdentityAsync(HttpClient http, string connectionString)
    {
        var parts = connectionString.Split(';', 2);
        var endpoint = new Uri(parts[0]["endpoint=".Length..]);
        var key = Convert.FromBase64String(parts[1]["accesskey=".Length..]);
        var uri = new Uri(endpoint, "identities?api-version=2023-10-01");
        var body = "{}";
        var contentHash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(body)));
        var date = DateTimeOffset.UtcNow.ToString("r", CultureInfo.InvariantCulture);
        var stringToSign = $"POST\n{uri.PathAndQuery}\n{date};{uri.Authority};{contentHash}";
        var signature = Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));

        using var request = new HttpRequestMessage(HttpMethod.Post, uri);
        request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        request.Headers.Add("x-ms-date", date);
        request.Headers.Add("x-ms-content-sha256", contentHash);
        request.Headers.TryAddWithoutValidation("Authorization", $"HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature={signature}");
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
