using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.Testing;

namespace Emulator.Aspire.Hosting.Tests;

/// <summary>
/// The sample AppHost (samples/aspire/AppHost) run for real by DCP: the emulator as an executable resource and a
/// Node.js web app that creates a user and a token with @azure/communication-identity through the connection string
/// the AppHost gave it. The emulator itself then says whether the token is its own and valid.
/// </summary>
public sealed class SampleAppHostTests
{
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task WebApp_CreatesUserAndToken_ThroughTheConnectionString_AndTheEmulatorValidatesIt()
    {
        using var cts = new CancellationTokenSource(s_startTimeout);
        var appHost = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AcsAspireSample_AppHost>(
            [], (options, _) => options.DisableDashboard = true, cts.Token);
        await using var app = await appHost.BuildAsync(cts.Token);
        await app.StartAsync(cts.Token);

        // The emulator is healthy only once /emulator/health/ready answers; the web app waits for it.
        await app.ResourceNotifications.WaitForResourceHealthyAsync("acs", cts.Token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("web", cts.Token);

        var connectionString = await app.GetConnectionStringAsync("acs", cts.Token);
        Assert.NotNull(connectionString);
        Assert.Matches("^endpoint=http://localhost:[0-9]+/;accesskey=[A-Za-z0-9+/]+=*$", connectionString);

        using var web = app.CreateHttpClient("web");
        using var response = await web.GetAsync(new Uri("/token", UriKind.Relative), cts.Token);
        var body = await response.Content.ReadAsStringAsync(cts.Token);
        Assert.True(response.IsSuccessStatusCode, $"GET /token answered {(int)response.StatusCode}: {body}");
        using var created = JsonDocument.Parse(body);
        var userId = created.RootElement.GetProperty("userId").GetString();
        var token = created.RootElement.GetProperty("token").GetString();

        using var acs = app.CreateHttpClient("acs", "http");
        var info = await acs.GetFromJsonAsync<JsonElement>(new Uri("/emulator/info", UriKind.Relative), cts.Token);
        Assert.StartsWith($"8:acs:{info.GetProperty("resourceId").GetString()}_", userId, StringComparison.Ordinal);

        using var validation = await acs.PostAsJsonAsync(new Uri("/emulator/tokens/validate", UriKind.Relative), new { token }, cts.Token);
        validation.EnsureSuccessStatusCode();
        var verdict = await validation.Content.ReadFromJsonAsync<JsonElement>(cts.Token);
        Assert.True(verdict.GetProperty("valid").GetBoolean(), verdict.ToString());
        Assert.Equal(userId, verdict.GetProperty("identity").GetString());
        Assert.Equal(["chat"], verdict.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));

        // The HTTPS endpoint serves the same emulator (its certificate is the emulator's own, hence the handler).
        using var trusting = new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator };
        using var https = new HttpClient(trusting) { BaseAddress = app.GetEndpoint("acs", "https") };
        using var ready = await https.GetAsync(new Uri("/emulator/health/ready", UriKind.Relative), cts.Token);
        Assert.Equal(System.Net.HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("https", app.GetEndpoint("acs", "https").Scheme);
    }
}
