using System.Globalization;
using Emulator.Admin;
using Emulator.Configuration;

namespace Emulator.Hosting;

/// <summary>
/// <c>Emulator --health-check</c>: asks a running emulator's readiness endpoint on the configured HTTP port and exits
/// 0 (ready) or 1. The container HEALTHCHECK uses it, so it follows a custom port and needs no curl in the image.
/// </summary>
internal static class HealthCheckCommand
{
    public const string Flag = "--health-check";

    private const string ReadinessPath = AdminApi.Prefix + "/health/ready";

    public static async Task<int> RunAsync(string[] args)
    {
        var builder = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables();
        builder.AddEmulatorCommandLine(args);
        var configuration = builder.Build();
        var port = int.TryParse(configuration[ServerOptions.HttpPortKey], NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) ? p : new ServerOptions().HttpPort;
        var listen = configuration[ServerOptions.ListenAddressKey] ?? new ServerOptions().ListenAddress;
        if (!ListenAddress.TryParse(listen, out var address))
        {
            await Console.Out.WriteLineAsync($"unhealthy: {ServerOptions.ListenAddressKey} '{listen}' is invalid: use {ListenAddress.Accepted}.");
            return 1;
        }

        var local = address.LocalAddress;
        var host = local.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{local}]" : local.ToString();
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        try
        {
            using var response = await client.GetAsync(new Uri($"http://{host}:{port}{ReadinessPath}"));
            await Console.Out.WriteLineAsync($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            await Console.Out.WriteLineAsync($"unhealthy: {ex.Message}");
            return 1;
        }
    }
}
