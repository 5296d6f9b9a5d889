using System.Diagnostics;
using System.Text.Json;
using Emulator.Benchmarks.Reporting;

namespace Emulator.Benchmarks.Suites;

/// <summary>The whole run: baselines, start-up, throughput, memory and scaling; then the table, JSON, Markdown and plot.</summary>
public static class BenchmarkRun
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static async Task<int> RunAsync(BenchSettings settings)
    {
        await WaitQuietAsync(settings.WaitQuiet);
        var started = TimeProvider.System.GetUtcNow();
        var watch = Stopwatch.StartNew();
        Directory.CreateDirectory(settings.OutputDirectory);
        var machine = MachineInfo.Read();
        Log($"{settings.Mode} mode; emulator {settings.EmulatorDll}; {machine.Cores} cores, {machine.CpuModel}, load average {machine.LoadAverageAtStart}");
        if (MachineInfo.LoadAverage1() > machine.Cores / 2.0)
        {
            Log("warning: the machine is busy (load average above half the cores): absolute figures will be low and noisy; ratios less so.");
        }

        Log("RSA-2048 signing baseline ...");
        var rsa = RsaBaseline.Run(settings.IsFull ? TimeSpan.FromSeconds(5) : TimeSpan.FromSeconds(1));
        Log($"  sign {rsa.SignSinglePerSecond:N0}/s on 1 thread, {rsa.SignParallelPerSecond:N0}/s on {rsa.Threads}; TokenSigner {rsa.IssuerSinglePerSecond:N0}/s, {rsa.IssuerParallelPerSecond:N0}/s");

        Log("start-up ...");
        var startup = await StartupSuite.RunAsync(settings);
        Log($"  published median {startup.PublishedMedianMs:F0} ms; in-process fixture cold {startup.FixtureColdMedianMs:F0} ms, warm {startup.FixtureWarmMedianMs:F0} ms");

        Log("throughput over HTTP ...");
        var http = await ThroughputSuite.RunAsync(settings, r => Log($"  {r.Target,-22} {r.Operation,-46} c={r.Concurrency,-3} {r.RequestsPerSecond,9:N0} req/s  p50 {r.P50Ms,6:F2}  p99 {r.P99Ms,6:F2}  p99.9 {r.P999Ms,6:F2} ms"));

        Log("memory and scaling ...");
        var scaling = await ScalingSuite.RunAsync(settings, Log);
        var storeOnly = ScalingSuite.StoreOnlyBytesPerIdentity(settings.StoreOnlyIdentities);

        if (settings.IsFull)
        {
            Log("long runs (race, soak) ...");
            await LongRuns.RunAsync(LongRunSettings.Full(settings.EmulatorDll, settings.OutputDirectory), Log);
        }

        var targets = TargetEvaluator.Evaluate(rsa, startup, http, scaling);
        var report = new BenchmarkReport(settings.Mode, started, watch.Elapsed.TotalSeconds, machine, MachineInfo.LoadAverage(), rsa, startup, http, scaling, storeOnly, settings.StoreOnlyIdentities, targets);
        var markdown = MarkdownReport.Render(report);
        var json = Path.Combine(settings.OutputDirectory, $"benchmark-{settings.Mode}.json");
        var md = Path.Combine(settings.OutputDirectory, $"benchmark-{settings.Mode}.md");
        await File.WriteAllTextAsync(json, JsonSerializer.Serialize(report, Json));
        await File.WriteAllTextAsync(md, markdown);
        var png = ScalingPlot.Write(scaling, settings.OutputDirectory, settings.Mode);

        Console.WriteLine();
        Console.WriteLine(markdown);
        Log($"wrote {json}, {md}{(png is null ? string.Empty : $", {png}")}");
        return 0;
    }

    /// <summary>
    /// With <c>--wait-quiet N</c>, waits up to N minutes for the 1-minute load average to fall below half the cores:
    /// other work on a 2-core machine changes every figure. Runs anyway after that (the report shows the load).
    /// </summary>
    private static async Task WaitQuietAsync(TimeSpan limit)
    {
        var watch = Stopwatch.StartNew();
        var quiet = Environment.ProcessorCount / 2.0;
        while (watch.Elapsed < limit && MachineInfo.LoadAverage1() > quiet)
        {
            if (watch.Elapsed.Seconds < 15) // about once a minute
            {
                Log($"waiting for a quieter machine (load average {MachineInfo.LoadAverage()}, want < {quiet}; up to {limit.TotalMinutes:F0} min) ...");
            }

            await Task.Delay(TimeSpan.FromSeconds(15));
        }
    }

    private static void Log(string message) => Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");
}
