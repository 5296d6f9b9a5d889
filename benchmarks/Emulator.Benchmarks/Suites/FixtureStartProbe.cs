using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Emulator.Benchmarks.Http;
using Emulator.Hosting;

namespace Emulator.Benchmarks.Suites;

/// <summary>
/// Child mode <c>fixture-start</c>: what a test fixture pays to host the emulator in its own process. The HTTP client
/// is warmed first against a raw socket (no ASP.NET Core code), so the cold figure is the emulator's JIT and start,
/// not the client's.
/// </summary>
public static class FixtureStartProbe
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<int> RunAsync(string[] args)
    {
        var i = Array.IndexOf(args, "--warm-runs");
        var warmRuns = i >= 0 ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : 5;
        using var client = ClientFactory.Create(1);
        await WarmClientAsync(client);

        var cold = await OnceAsync(client);
        var warm = new FixturePhases[warmRuns];
        for (var run = 0; run < warmRuns; run++)
        {
            warm[run] = await OnceAsync(client);
        }

        Console.WriteLine(JsonSerializer.Serialize(new FixtureStartReport(cold, warm), Json));
        return 0;
    }

    private static async Task<FixturePhases> OnceAsync(HttpMessageInvoker client)
    {
        var credentials = Credentials.NewRandom();
        var t0 = Stopwatch.GetTimestamp();
        await using var app = EmulatorApp.Create(
            ["--port", "0", "--https-port", "-1", "--listen", "127.0.0.1", "--access-key", credentials.AccessKey, "--resource-id", credentials.ResourceId, "--data-dir", "none"]);
        var created = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
        await app.StartAsync();
        var started = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
        var api = new AcsApi(new Uri(app.Urls.First()), credentials.Signer());
        using (var response = await client.SendAsync(api.Create(AcsApi.CreateBody), CancellationToken.None))
        {
            var body = await response.Content.ReadAsByteArrayAsync();
            if (response.StatusCode != HttpStatusCode.Created || !ResponseChecks.IsIdentity(body))
            {
                throw new HarnessException($"in-process emulator answered {(int)response.StatusCode} '{ResponseChecks.Excerpt(body)}'.");
            }
        }

        var first = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
        await app.StopAsync();
        return new FixturePhases(created, started, first);
    }

    /// <summary>JITs the client side (signer, SocketsHttpHandler) against a one-shot raw HTTP responder.</summary>
    public static async Task WarmClientAsync(HttpMessageInvoker client)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var serve = Task.Run(async () =>
        {
            using var socket = await listener.AcceptSocketAsync();
            var buffer = new byte[8192];
            var received = new StringBuilder();
            while (!received.ToString().Contains("\r\n\r\n{}", StringComparison.Ordinal))
            {
                var n = await socket.ReceiveAsync(buffer);
                if (n == 0)
                {
                    break;
                }

                received.Append(Encoding.ASCII.GetString(buffer, 0, n));
            }

            await socket.SendAsync("HTTP/1.1 201 Created\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"u8.ToArray());
        });
        var api = new AcsApi(new Uri($"http://127.0.0.1:{port}"), Credentials.NewRandom().Signer());
        using (var response = await client.SendAsync(api.Create(AcsApi.CreateBody), CancellationToken.None))
        {
            await response.Content.ReadAsByteArrayAsync();
        }

        await serve;
    }
}
