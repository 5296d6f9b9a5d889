using System.Diagnostics;
using System.Globalization;
using System.Net;
using Emulator.Benchmarks.Http;
using Emulator.Benchmarks.Processes;

namespace Emulator.Benchmarks.Suites;

/// <summary>
/// Published app: from <c>Process.Start("dotnet Emulator.dll ...")</c> to the first 201 of a signed create, polled
/// every millisecond. In-process fixture: a fresh process per run (<c>fixture-start</c> mode) that times
/// <c>EmulatorApp.Create</c> + <c>StartAsync</c> + the first request itself.
/// </summary>
public static class StartupSuite
{
    public static async Task<StartupResult> RunAsync(BenchSettings settings)
    {
        using var client = ClientFactory.Create(1);

        // One unrecorded run first: it pulls the files into the page cache and warms this client, as a CI job's
        // earlier steps would have.
        await PublishedOnceAsync(settings.EmulatorDll, client);
        var published = new double[settings.StartupRuns];
        var publishedCpu = new double[settings.StartupRuns];
        for (var i = 0; i < published.Length; i++)
        {
            (published[i], publishedCpu[i]) = await PublishedOnceAsync(settings.EmulatorDll, client);
        }

        var fixtures = new List<FixtureStartReport>();
        var processMs = new List<double>();
        for (var i = 0; i < settings.StartupRuns; i++)
        {
            var (report, wallMs) = await FixtureOnceAsync();
            fixtures.Add(report);
            processMs.Add(wallMs);
        }

        return new StartupResult(
            published,
            Median(published),
            Median(publishedCpu),
            [.. fixtures],
            Median(fixtures.Select(f => f.Cold.FirstResponseMs)),
            Median(fixtures.SelectMany(f => f.Warm).Select(w => w.FirstResponseMs)),
            Median(processMs));
    }

    /// <summary>Mode <c>startup</c>: the published start-up alone, to compare builds of the emulator.</summary>
    public static async Task<int> PublishedOnlyAsync(string[] args)
    {
        var dll = args.SkipWhile(a => a != "--emulator").Skip(1).FirstOrDefault() ?? throw new HarnessException("--emulator <Emulator.dll> is required.");
        var runsArg = args.SkipWhile(a => a != "--runs").Skip(1).FirstOrDefault();
        var runs = runsArg is null ? 7 : int.Parse(runsArg, CultureInfo.InvariantCulture);
        using var client = ClientFactory.Create(1);
        await PublishedOnceAsync(dll, client);
        var ms = new double[runs];
        var cpu = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            (ms[i], cpu[i]) = await PublishedOnceAsync(dll, client);
        }

        Console.WriteLine($"published start-up of {dll}: median {Median(ms):F0} ms (CPU {Median(cpu):F0} ms); runs {string.Join(", ", ms.Select(m => m.ToString("F0", CultureInfo.InvariantCulture)))}");
        return 0;
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN
            : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2]
            : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>Wall-clock and CPU milliseconds (the emulator process's user + system time) to the first 201.</summary>
    private static async Task<(double WallMs, double CpuMs)> PublishedOnceAsync(string emulatorDll, HttpMessageInvoker client)
    {
        var credentials = Credentials.NewRandom();
        var port = FreePort.Next();
        var watch = Stopwatch.StartNew();
        using var server = ChildServer.Start("emulator", emulatorDll, port, EmulatorTarget.Arguments(port, credentials));
        var api = new AcsApi(server.BaseUri, credentials.Signer());
        while (watch.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (server.HasExited)
            {
                throw new HarnessException($"the emulator exited during start-up:\n{server.Output()}");
            }

            try
            {
                using var response = await client.SendAsync(api.Create(AcsApi.CreateBody), CancellationToken.None);
                var body = await response.Content.ReadAsByteArrayAsync();
                if (response.StatusCode == HttpStatusCode.Created && ResponseChecks.IsIdentity(body))
                {
                    return (watch.Elapsed.TotalMilliseconds, server.CpuTime().TotalMilliseconds);
                }

                // 503 while starting is fair; anything else is a broken emulator.
                if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
                {
                    throw new HarnessException($"the emulator's first create answered {(int)response.StatusCode} '{ResponseChecks.Excerpt(body)}'.");
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(1);
        }

        throw new HarnessException($"the emulator served no request within 30 s:\n{server.Output()}");
    }

    public static async Task<(FixtureStartReport Report, double WallMs)> FixtureOnceAsync()
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(typeof(StartupSuite).Assembly.Location);
        info.ArgumentList.Add("fixture-start");
        info.ArgumentList.Add("--warm-runs");
        info.ArgumentList.Add(5.ToString(CultureInfo.InvariantCulture));
        return await ProbeProcess.RunAsync<FixtureStartReport>(info, "fixture-start", FixtureStartProbe.Json);
    }
}
