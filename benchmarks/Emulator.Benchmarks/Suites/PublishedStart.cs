using System.Diagnostics;
using System.Net;
using Emulator.Benchmarks.Http;
using Emulator.Benchmarks.Processes;

namespace Emulator.Benchmarks.Suites;

/// <summary>One start of a published build: process start → <c>/emulator/health/ready</c> 200 → the first signed create with a token.</summary>
public static class PublishedStart
{
    /// <summary>
    /// Starts <paramref name="path"/> (an <c>Emulator.dll</c> or a native binary) on a free loopback port, polls ready
    /// every millisecond over http, then sends one create with a chat token and checks the answer; the process is
    /// killed after. With <paramref name="https"/> the HTTPS listener is on too (a free port, as by default), else off.
    /// </summary>
    public static async Task<StartSample> OnceAsync(string name, string path, string dataDirectory, HttpMessageInvoker client, bool https = false)
    {
        var credentials = Credentials.NewRandom();
        var port = FreePort.Next();
        var arguments = EmulatorTarget.Arguments(port, credentials, dataDirectory).ToList();
        if (https)
        {
            arguments[arguments.IndexOf("--https-port") + 1] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var watch = Stopwatch.StartNew();
        using var server = ChildServer.Start(name, path, port, arguments);
        var api = new AcsApi(server.BaseUri, credentials.Signer());
        double ready = 0;
        while (ready == 0)
        {
            if (server.HasExited || watch.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new HarnessException($"{name} was not ready within 60 s:\n{server.Output()}");
            }

            try
            {
                using var response = await client.SendAsync(api.Get("/emulator/health/ready"), CancellationToken.None);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    ready = watch.Elapsed.TotalMilliseconds;
                    break;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(1);
        }

        using (var response = await client.SendAsync(api.Create(AcsApi.CreateWithTokenBody), CancellationToken.None))
        {
            var body = await response.Content.ReadAsByteArrayAsync();
            if (response.StatusCode != HttpStatusCode.Created || !ResponseChecks.IsIdentityWithToken(body))
            {
                throw new HarnessException($"{name}: the first create with a token right after ready answered {(int)response.StatusCode} '{ResponseChecks.Excerpt(body)}'.");
            }
        }

        return new StartSample(ready, watch.Elapsed.TotalMilliseconds, server.CpuTime().TotalMilliseconds);
    }
}
