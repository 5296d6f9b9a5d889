using System.Diagnostics;
using System.Globalization;
using Emulator.Benchmarks.Processes;
using Emulator.Benchmarks.Reporting;
using Emulator.Benchmarks.Suites;

namespace Emulator.Benchmarks.Fixture;

/// <summary>
/// Mode <c>fixture</c>: the in-process fixture's first start in fresh processes (<c>fixture-profile</c>), variants
/// interleaved run by run so that they see the same machine load, medians printed; then one profile run with the
/// runtime's JIT events, by namespace. Variants: the signing key loaded from the per-user cache (the default; the cache
/// is filled by an unrecorded run first), a new key per process (<c>SigningKeyCacheDirectory = null</c>, as before the
/// cache), with <c>--native EXE</c> the native mode (the Native AOT binary as a child process, key from the cache; later
/// starts reuse the process, and once more with reuse off), and with <c>--probe-dll DLL</c> the same two in-process
/// variants from another build of this harness (e.g. a ReadyToRun publish).
/// </summary>
public static class FixtureBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var runs = int.Parse(Value(args, "--runs") ?? "7", CultureInfo.InvariantCulture);
        var self = typeof(FixtureBench).Assembly.Location;
        var other = Value(args, "--probe-dll");
        var cache = Directory.CreateTempSubdirectory("acs-fixture-bench-");
        try
        {
            var keyCache = Path.Combine(cache.FullName, "keys");
            var variants = new List<Variant>
            {
                new("IL build, key from the per-user cache", self, ["--key-cache", keyCache]),
                new("IL build, new key per process (no cache)", self, ["--key-cache", "none"]),
            };
            if (Value(args, "--native") is { } native)
            {
                variants.Add(new("native mode (AOT child process), key from the cache", self, ["--key-cache", keyCache, "--native", native]));
                variants.Add(new("native mode, reuse off (a process per start)", self, ["--key-cache", keyCache, "--native", native, "--no-reuse"]));
            }

            if (other is not null)
            {
                variants.Add(new($"{Path.GetFileName(Path.GetDirectoryName(other))}, key from the cache", other, ["--key-cache", keyCache]));
                variants.Add(new($"{Path.GetFileName(Path.GetDirectoryName(other))}, new key per process", other, ["--key-cache", "none"]));
            }

            var machine = MachineInfo.Read();
            var rsa = RsaBaseline.Run(TimeSpan.FromSeconds(1));
            Console.WriteLine($"fixture start-up: {runs} fresh processes per variant, interleaved; {machine.Cores} cores, {machine.CpuModel}, {machine.Runtime}");
            Console.WriteLine($"load average at start {machine.LoadAverageAtStart}; RSA-2048 sign {rsa.SignSinglePerSecond:N0}/s on 1 thread; key generation median {rsa.KeyGenerationMedianMs:F0} ms");
            foreach (var v in variants)
            {
                await ProbeAsync(v.Dll, v.Args); // fills the key cache, warms the page cache
            }

            for (var i = 0; i < runs; i++)
            {
                foreach (var v in variants)
                {
                    var (profile, wall) = await ProbeAsync(v.Dll, v.Args);
                    v.Profiles.Add(profile);
                    v.ProcessMs.Add(wall);
                }
            }

            Console.WriteLine();
            Console.WriteLine("| variant | host built ms | started ms | first token ms | runs (first token ms) | CPU ms (process) | JIT methods | JIT ms | later starts ms | process wall ms |");
            Console.WriteLine("|---|--:|--:|--:|---|--:|--:|--:|--:|--:|");
            foreach (var v in variants)
            {
                var cold = v.Profiles.Select(p => p.Cold).ToList();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {v.Name} | {(cold.Any(c => c.BuilderMs < 0) ? "n/a" : M(cold, c => c.BuilderMs).ToString("F0", CultureInfo.InvariantCulture))} | {M(cold, c => c.StartedMs):F0} | **{M(cold, c => c.FirstTokenMs):F0}** | {string.Join(", ", cold.Select(c => c.FirstTokenMs.ToString("F0", CultureInfo.InvariantCulture)))} | {M(cold, c => c.CpuMs):F0} | {M(cold, c => c.JitMethods):F0} | {M(cold, c => c.JitMs):F0} | {StartupSuite.Median(v.Profiles.SelectMany(p => p.WarmFirstTokenMs)):F0} | {StartupSuite.Median(v.ProcessMs):F0} |"));
            }

            var before = variants[0].Profiles.Select(p => p.BeforeFirst).ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"\nbefore the first fixture (runtime start, harness, warm HTTP client): CPU {M(before, b => b.CpuMs):F0} ms, {M(before, b => b.JitMethods):F0} methods JIT-compiled in {M(before, b => b.JitMs):F0} ms (not counted above: figures above are since the fixture's start, CPU and JIT are process totals minus these)"));

            var (jit, _) = await ProbeAsync(self, ["--key-cache", keyCache, "--jit-events", "--warm-runs", "0"]);
            Console.WriteLine($"\nJIT by namespace in one profile run (first fixture, key from the cache; listening slows it, {jit.Cold.FirstTokenMs:F0} ms):");
            Console.WriteLine("| namespace | methods | JIT ms |");
            Console.WriteLine("|---|--:|--:|");
            foreach (var n in jit.Jit.Take(15))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {n.Namespace} | {n.Methods} | {n.Ms:F1} |"));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| (all) | {jit.Jit.Sum(n => n.Methods)} | {jit.Jit.Sum(n => n.Ms):F1} |"));
            Console.WriteLine($"\nload average at end {MachineInfo.LoadAverage()}");
            return 0;
        }
        finally
        {
            cache.Delete(recursive: true);
        }
    }

    private static double M(IEnumerable<FixtureRun> runs, Func<FixtureRun, double> value) => StartupSuite.Median(runs.Select(value));

    private static double M(IEnumerable<PhaseMark> marks, Func<PhaseMark, double> value) => StartupSuite.Median(marks.Select(value));

    private static async Task<(FixtureProfile Profile, double WallMs)> ProbeAsync(string dll, string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add("fixture-profile");
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        return await ProbeProcess.RunAsync<FixtureProfile>(info, "fixture-profile", FixtureProfileProbe.Json);
    }

    private static string? Value(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private sealed record Variant(string Name, string Dll, string[] Args)
    {
        public List<FixtureProfile> Profiles { get; } = [];

        public List<double> ProcessMs { get; } = [];
    }
}
