using System.Globalization;
using System.Text;
using Emulator.Benchmarks.Suites;

namespace Emulator.Benchmarks.Reporting;

/// <summary>Renders mode <c>aot</c>: one table, JIT and AOT side by side with their ratio.</summary>
public static class AotMarkdown
{
    public static string Render(AotReport report)
    {
        var md = new StringBuilder();
        var m = report.Machine;
        var jit = report.Builds.Single(b => b.Name == "JIT");
        var aot = report.Builds.Single(b => b.Name == "AOT");
        Line(md, $"## JIT vs Native AOT ({report.Mode} mode, {report.StartedAt:yyyy-MM-dd HH:mm} UTC, {report.TotalSeconds / 60:F1} min)");
        Line(md);
        Line(md, $"Machine: {m.Cores} cores, {m.CpuModel}, {m.MemoryGiB:F1} GiB, {m.Runtime}, {m.Os}; load average (1/5/15 min) {m.LoadAverageAtStart} at start, {report.LoadAverageAtEnd} at end. "
            + $"RSA-2048 signing here: {report.Rsa.SignSinglePerSecond:N0}/s on 1 thread, {report.Rsa.SignParallelPerSecond:N0}/s on {report.Rsa.Threads}; key generation median {report.Rsa.KeyGenerationMedianMs:F0} ms.");
        Line(md);
        Line(md, $"Medians of {jit.WithDataDirectory.Length} interleaved starts each; `--https-port -1` unless a row says https, loopback, first request a signed create with a chat token.");
        Line(md);
        Line(md, "| figure | JIT (`dotnet Emulator.dll`) | Native AOT | AOT / JIT |");
        Line(md, "|---|--:|--:|--:|");
        Row(md, "start → ready, data directory with kept keys (ms)", Median(jit.WithDataDirectory, s => s.ReadyMs), Median(aot.WithDataDirectory, s => s.ReadyMs), "F0");
        Row(md, "start → ready, `--data-dir none` (ms)", Median(jit.WithoutDataDirectory, s => s.ReadyMs), Median(aot.WithoutDataDirectory, s => s.ReadyMs), "F0");
        Row(md, "start → ready, data directory, https on too (the default; ms)", Median(jit.WithHttps, s => s.ReadyMs), Median(aot.WithHttps, s => s.ReadyMs), "F0");
        Row(md, "start → first token served, data directory (ms)", Median(jit.WithDataDirectory, s => s.FirstTokenMs), Median(aot.WithDataDirectory, s => s.FirstTokenMs), "F0");
        Row(md, "start → first token served, `--data-dir none` (ms; includes key generation)", Median(jit.WithoutDataDirectory, s => s.FirstTokenMs), Median(aot.WithoutDataDirectory, s => s.FirstTokenMs), "F0");
        Row(md, "first request after ready, data directory (ms)", Median(jit.WithDataDirectory, s => s.FirstTokenMs - s.ReadyMs), Median(aot.WithDataDirectory, s => s.FirstTokenMs - s.ReadyMs), "F1");
        Row(md, "CPU time until the first token, data directory (ms)", Median(jit.WithDataDirectory, s => s.CpuMs), Median(aot.WithDataDirectory, s => s.CpuMs), "F0");
        Row(md, "RSS idle (MiB)", jit.IdleBytes / 1048576.0, aot.IdleBytes / 1048576.0, "F1");
        Row(md, $"RSS after {report.Identities:N0} identities created without a token (MiB)", jit.IdentitiesBytes / 1048576.0, aot.IdentitiesBytes / 1048576.0, "F1");
        Row(md, $"RSS growth per identity at {report.Identities:N0} (bytes)", PerIdentity(jit, report.Identities), PerIdentity(aot, report.Identities), "F0");
        Row(md, $"creating those {report.Identities:N0} over HTTP, c={16} (s)", jit.PopulateSeconds, aot.PopulateSeconds, "F1");
        if (report.TokenIdentities > 0)
        {
            Row(md, $"RSS after {report.TokenIdentities:N0} more, each with a chat token (MiB)", jit.LoadedBytes / 1048576.0, aot.LoadedBytes / 1048576.0, "F1");
            Row(md, $"creating those {report.TokenIdentities:N0} with a token over HTTP, c={16} (s)", jit.TokenPopulateSeconds, aot.TokenPopulateSeconds, "F1");
        }

        foreach (var operation in jit.Load.Select(l => l.Operation).Distinct())
        {
            var j = jit.Load.Single(l => l.Operation == operation);
            var a = aot.Load.Single(l => l.Operation == operation);
            Row(md, $"{operation} on {j.StoredIdentities:N0} stored, c={j.Concurrency} (req/s)", j.RequestsPerSecond, a.RequestsPerSecond, "N0");
            Row(md, $"{operation} on {j.StoredIdentities:N0} stored, c={j.Concurrency} p99 (ms)", j.P99Ms, a.P99Ms, "F2");
            Row(md, $"{operation}, server CPU per request (µs)", j.ServerCpuUsPerRequest ?? double.NaN, a.ServerCpuUsPerRequest ?? double.NaN, "N0");
        }

        Row(md, "size (MB): `Emulator.dll` alone (it also needs its dependency DLLs and the shared runtime) / the AOT binary, all it needs", jit.FileBytes / 1e6, aot.FileBytes / 1e6, "F1");
        if (report.Images.Jit is { } ji && report.Images.Aot is { } ai)
        {
            Row(md, "container image (MB; `Dockerfile` / `Dockerfile.aot`, on this machine's stand-in bases)", ji / 1e6, ai / 1e6, "F1");
        }

        Line(md);
        var cold = StartupSuite.Median(report.Fixture.Select(f => f.Cold.FirstResponseMs));
        var warm = StartupSuite.Median(report.Fixture.SelectMany(f => f.Warm).Select(w => w.FirstResponseMs));
        Line(md, $"In-process fixture (JIT; `EmulatorApp.Create` + `StartAsync` + first create, `--data-dir none`): first in a fresh process {cold:F0} ms "
            + $"(runs {Join(report.Fixture.Select(f => f.Cold.FirstResponseMs))}), later ones {warm:F0} ms.");
        return md.ToString();
    }

    private static double PerIdentity(AotBuildResult build, int identities) => (build.IdentitiesBytes - build.IdleBytes) / (double)identities;

    private static double Median(IEnumerable<StartSample> samples, Func<StartSample, double> pick) => AotComparison.Median(samples, pick);

    private static void Row(StringBuilder md, string what, double jit, double aot, string format)
    {
        var ratio = jit > 0 && !double.IsNaN(aot) ? (aot / jit).ToString("F2", CultureInfo.InvariantCulture) : "n/a";
        Line(md, $"| {what} | {jit.ToString(format, CultureInfo.InvariantCulture)} | {aot.ToString(format, CultureInfo.InvariantCulture)} | {ratio} |");
    }

    private static string Join(IEnumerable<double> values) => string.Join(", ", values.Select(v => v.ToString("F0", CultureInfo.InvariantCulture)));

    private static void Line(StringBuilder md, string text = "") => md.Append(text).Append('\n');
}
