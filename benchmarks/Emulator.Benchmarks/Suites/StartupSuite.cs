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

    /// <summary>
    /// Mode <c>startup</c>: the published start-up of one or more builds (<c>--emulator</c> repeated), to compare them.
    /// Runs are interleaved build by build (each with a data directory holding kept keys, then with
    /// <c>--data-dir none</c>) so every build sees the same machine load; each build gets one unrecorded start of each
    /// kind first (it creates the kept files and pulls the build into the page cache).
    /// </summary>
    public static async Task<int> PublishedOnlyAsync(string[] args)
    {
        var builds = args.Select((a, i) => (a, i)).Where(p => p.a == "--emulator" && p.i + 1 < args.Length).Select(p => Path.GetFullPath(args[p.i + 1])).ToArray();
        if (builds.Length == 0)
        {
            throw new HarnessException("--emulator <Emulator.dll> is required (repeat it to compare builds).");
        }

        var runsArg = args.SkipWhile(a => a != "--runs").Skip(1).FirstOrDefault();
        var runs = runsArg is null ? 7 : int.Parse(runsArg, CultureInfo.InvariantCulture);
        using var client = ClientFactory.Create(1);
        var scratch = Directory.CreateTempSubdirectory("acs-emulator-startup-");
        try
        {
            var withData = builds.Select(_ => new List<StartSample>()).ToArray();
            var withoutData = builds.Select(_ => new List<StartSample>()).ToArray();
            var dataDirectories = builds.Select((_, b) => Path.Combine(scratch.FullName, b.ToString(CultureInfo.InvariantCulture))).ToArray();
            for (var b = 0; b < builds.Length; b++)
            {
                await PublishedStart.OnceAsync(Name(b), builds[b], dataDirectories[b], client);
                await PublishedStart.OnceAsync(Name(b), builds[b], "none", client);
            }

            for (var i = 0; i < runs; i++)
            {
                for (var b = 0; b < builds.Length; b++)
                {
                    withData[b].Add(await PublishedStart.OnceAsync(Name(b), builds[b], dataDirectories[b], client));
                    withoutData[b].Add(await PublishedStart.OnceAsync(Name(b), builds[b], "none", client));
                }
            }

            Console.WriteLine($"published start-up, medians of {runs} interleaved runs (ms; ratio to build 1 in brackets):");
            Console.WriteLine("build | ready, data dir | ready, --data-dir none | first token, data dir | first token, none | CPU to first token, data dir | CPU, none");
            for (var b = 0; b < builds.Length; b++)
            {
                Console.WriteLine(string.Join(" | ",
                    $"{Name(b)} {builds[b]}",
                    Figure(withData, b, s => s.ReadyMs),
                    Figure(withoutData, b, s => s.ReadyMs),
                    Figure(withData, b, s => s.FirstTokenMs),
                    Figure(withoutData, b, s => s.FirstTokenMs),
                    Figure(withData, b, s => s.CpuMs),
                    Figure(withoutData, b, s => s.CpuMs)));
                Console.WriteLine($"  {Name(b)} ready runs, data dir: {Runs(withData[b])}; none: {Runs(withoutData[b])}");
            }
        }
        finally
        {
            scratch.Delete(recursive: true);
        }

        return 0;

        static string Name(int b) => $"build {(b + 1).ToString(CultureInfo.InvariantCulture)}";
        static string Runs(List<StartSample> samples) => string.Join(", ", samples.Select(s => s.ReadyMs.ToString("F0", CultureInfo.InvariantCulture)));
        static string Figure(List<StartSample>[] samples, int b, Func<StartSample, double> pick)
        {
            var median = Median(samples[b].Select(pick));
            var first = Median(samples[0].Select(pick));
            return b == 0
                ? median.ToString("F0", CultureInfo.InvariantCulture)
                : $"{median.ToString("F0", CultureInfo.InvariantCulture)} ({(median / first).ToString("F2", CultureInfo.InvariantCulture)})";
        }
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
