using System.Globalization;
using System.Text;

namespace Emulator.Benchmarks.Reporting;

/// <summary>Renders a run as Markdown tables: printed to stdout and written next to the JSON.</summary>
public static class MarkdownReport
{
    public static string Render(BenchmarkReport report)
    {
        var md = new StringBuilder();
        var m = report.Machine;
        Line(md, $"## Benchmark results ({report.Mode} mode, {report.StartedAt:yyyy-MM-dd HH:mm} UTC, {report.TotalSeconds / 60:F1} min)");
        Line(md);
        Line(md, $"Machine: {m.Cores} cores, {m.CpuModel}, {m.MemoryGiB:F1} GiB, {m.Runtime}, {m.Os}; load average (1/5/15 min) {m.LoadAverageAtStart} at start, {report.LoadAverageAtEnd} at end.");
        Line(md);

        Line(md, "### Targets (ratios measured in this run)");
        Line(md);
        Line(md, "| target | measured | goal | met |");
        Line(md, "|---|---|---|---|");
        foreach (var t in report.Targets)
        {
            Line(md, $"| {t.Target} | {t.Measured} | {t.Goal} | {(t.Met ? "yes" : "**no**")} |");
        }

        Line(md);
        Line(md, "### Throughput and latency over loopback HTTP (HMAC-signed requests, closed loop)");
        Line(md);
        Line(md, "| server | operation | c | req/s | p50 ms | p99 ms | p99.9 ms | server CPU µs/req | client CPU µs/req | requests |");
        Line(md, "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var r in report.Http.OrderBy(r => r.Concurrency))
        {
            Line(md, $"| {r.Target} | {r.Operation} | {r.Concurrency} | {r.RequestsPerSecond:N0} | {r.P50Ms:F2} | {r.P99Ms:F2} | {r.P999Ms:F2} | {r.ServerCpuUsPerRequest:N0} | {r.ClientCpuUsPerRequest:N0} | {r.Requests:N0} |");
        }

        var rsa = report.Rsa;
        Line(md);
        Line(md, "### Signing baseline (same machine, no HTTP)");
        Line(md);
        Line(md, "| what | 1 thread /s | " + rsa.Threads + " threads /s |");
        Line(md, "|---|--:|--:|");
        Line(md, $"| raw RSA-2048 `RSA.SignData` (SHA-256, PKCS#1, {rsa.SignedBytes} B) | {rsa.SignSinglePerSecond:N0} | {rsa.SignParallelPerSecond:N0} |");
        Line(md, $"| emulator `TokenSigner.Sign` (JWT build + sign) | {rsa.IssuerSinglePerSecond:N0} | {rsa.IssuerParallelPerSecond:N0} |");
        Line(md);
        Line(md, $"RSA-2048 key generation (the emulator makes one at start with `--data-dir none`): median {rsa.KeyGenerationMedianMs:F0} ms.");

        var s = report.Startup;
        Line(md);
        Line(md, "### Start-up to the first served request");
        Line(md);
        Line(md, "| what | median ms | runs (ms) |");
        Line(md, "|---|--:|---|");
        Line(md, $"| published app: `dotnet Emulator.dll`, process start → first 201 | {s.PublishedMedianMs:F0} | {Join(s.PublishedMs)} |");
        Line(md, $"| … CPU time the emulator process used until then | {s.PublishedCpuMedianMs:F0} | |");
        Line(md, $"| in-process fixture, first in a fresh process: `EmulatorApp.Create` + `StartAsync` + first request | {s.FixtureColdMedianMs:F0} | {Join(s.Fixture.Select(f => f.Cold.FirstResponseMs))} |");
        Line(md, $"| … of which `Create` / `+ StartAsync` | {StartupMedian(s, f => f.Cold.CreatedMs):F0} / {StartupMedian(s, f => f.Cold.StartedMs):F0} | |");
        Line(md, $"| in-process fixture, later ones in the same process | {s.FixtureWarmMedianMs:F0} | {Join(s.Fixture.SelectMany(f => f.Warm).Select(w => w.FirstResponseMs))} |");
        Line(md, $"| fixture-start process, wall clock (runtime start + 1 cold + 5 warm fixtures) | {s.FixtureProcessMedianMs:F0} | |");

        Line(md);
        Line(md, "### Memory and scaling (fresh emulator per size; identities created over HTTP, each with a chat token; c=16)");
        Line(md);
        Line(md, "| stored identities | created in s | working set idle MiB | working set loaded MiB | bytes/identity | issue token req/s | issue p99 ms | create req/s | create p99 ms |");
        Line(md, "|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        foreach (var l in report.Scaling)
        {
            Line(md, $"| {l.Identities:N0} | {l.PopulateSeconds:F1} | {l.IdleWorkingSetBytes / 1048576.0:F1} | {l.LoadedWorkingSetBytes / 1048576.0:F1} | {l.BytesPerIdentity:N0} | {l.Issue.RequestsPerSecond:N0} | {l.Issue.P99Ms:F2} | {l.Create.RequestsPerSecond:N0} | {l.Create.P99Ms:F2} |");
        }

        Line(md);
        Line(md, $"Store alone (managed heap after a full GC, {report.StoreOnlyIdentities:N0} identities with one token issue recorded each): {report.StoreOnlyBytesPerIdentity:N0} bytes/identity.");
        return md.ToString();
    }

    private static double StartupMedian(Suites.StartupResult s, Func<Suites.FixtureStartReport, double> pick) => Suites.StartupSuite.Median(s.Fixture.Select(pick));

    private static string Join(IEnumerable<double> values) => string.Join(", ", values.Select(v => v.ToString("F0", CultureInfo.InvariantCulture)));

    private static void Line(StringBuilder md, string text = "") => md.Append(text).Append('\n');
}
