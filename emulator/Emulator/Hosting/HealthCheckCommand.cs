using System.Globalization;

namespace Emulator.Hosting;

/// <summary>
/// <c>Emulator --health-check</c>: asks a running emulator's readiness endpoint on the configured HTTP port and exits
/// 0 (ready) or 1. The container HEALTHCHECK uses it, so it follows a custom port and needs no curl in the image.
/// </summary>
public static class HealthCheckCommand
{
    public const string Flag = "--health-check";

    public static async Task<int> RunAsync(string[] args)
    {
        var builder = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables();
        builder.AddEmulatorCommandLine(args);
        var configuration = builder.Build();
        var port = int.TryParse(configuration["Server:HttpPort"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) ? p : 8080;
        var address = configuration["Server:ListenAddress"] is { } listen && listen is not ("localhost" or "*" or "+" or "0.0.0.0" or "::")
            ? listen
            : "127.0.0.1";
        var host = address.Contains(':', StringComparison.Ordinal) ? $"[{address}]" : address;
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        try
        {
            using var response = await client.GetAsync(new Uri($"http://{host}:{port}/emulator/health/ready"));
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
