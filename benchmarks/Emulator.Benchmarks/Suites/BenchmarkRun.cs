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
        var started = TimeProvider.System.GetUtcNow();
        var watch = Stopwatch.StartNew();
        Directory.CreateDirectory(settings.OutputDirectory);
        var machine = MachineInfo.Read();
        Log($"{settings.Mode} mode; emulator {settings.EmulatorDll}; {machine.Cores} cores, {machine.CpuModel}, load average {machine.LoadAverageAtStart}");

        Log("RSA-2048 signing baseline ...");
        var rsa = RsaBaseline.Run(settings.IsFull ? TimeSpan.FromSeconds(5) : TimeSpan.FromSeconds(1));
        Log($"  sign {rsa.SignSinglePerSecond:N0}/s on 1 thread, {rsa.SignParallelPerSecond:N0}/s on {rsa.Threads}; TokenIssuer {rsa.IssuerSinglePerSecond:N0}/s, {rsa.IssuerParallelPerSecond:N0}/s");

        Log("start-up ...");
        var startup = await StartupSuite.RunAsync(settings);
        Log($"  published median {startup.PublishedMedianMs:F0} ms; in-process fixture cold {startup.FixtureColdMedianMs:F0} ms, warm {startup.FixtureWarmMedianMs:F0} ms");

        Log("throughput over HTTP ...");
        var http = await ThroughputSuite.RunAsync(settings, r => Log($"  {r.Target,-22} {r.Operation,-46} c={r.Concurrency,-3} {r.RequestsPerSecond,9:N0} req/s  p50 {r.P50Ms,6:F2}  p99 {r.P99Ms,6:F2}  p99.9 {r.P999Ms,6:F2} ms"));

        Log("memory and scaling ...");
        var scaling = await ScalingSuite.RunAsync(settings, Log);
        var storeOnly = ScalingSuite.StoreOnlyBytesPerIdentity(settings.StoreOnlyIdentities);

        var targets = TargetEvaluator.Evaluate(rsa, startup, http, scaling);
        var report = new BenchmarkReport(settings.Mode, started, watch.Elapsed.TotalSeconds, machine, rsa, startup, http, scaling, storeOnly, settings.StoreOnlyIdentities, targets);
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

    private static void Log(string message) => Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");
}
