using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Emulator.Benchmarks.Http;
using Emulator.Benchmarks.Load;
using Emulator.Benchmarks.Reporting;

namespace Emulator.Benchmarks.Suites;

/// <summary>
/// Mode <c>aot</c>: the JIT build (<c>dotnet Emulator.dll</c>) and the Native AOT binary side by side in one run.
/// Start-ups are interleaved (JIT, AOT, JIT, AOT …) so both see the same machine load; the two servers for memory and
/// throughput run at the same time and their load points alternate.
/// </summary>
public static class AotComparison
{
    private const int Concurrency = 16;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static async Task<int> RunAsync(string[] args)
    {
        var jit = Path.GetFullPath(Value(args, "--emulator") ?? throw new HarnessException("--emulator <Emulator.dll> is required."));
        var aot = Path.GetFullPath(Value(args, "--emulator-aot") ?? throw new HarnessException("--emulator-aot <native Emulator binary> is required."));
        foreach (var file in new[] { jit, aot })
        {
            if (!File.Exists(file))
            {
                throw new HarnessException($"'{file}' does not exist; benchmarks/run.sh --aot publishes both builds.");
            }
        }

        var full = args.Contains("--full");
        var output = Value(args, "--out") ?? Path.Combine(Directory.GetCurrentDirectory(), "results");
        var runs = int.Parse(Value(args, "--runs") ?? (full ? "9" : "3"), CultureInfo.InvariantCulture);
        var identities = Count(args, "--identities", full ? 1_000_000 : 10_000, minimum: 1);
        var tokenIdentities = Count(args, "--token-identities", full ? 10_000 : 1_000, minimum: 0);
        var duration = full ? TimeSpan.FromSeconds(10) : TimeSpan.FromSeconds(2);
        var warmup = full ? TimeSpan.FromSeconds(2) : TimeSpan.FromMilliseconds(500);
        var started = TimeProvider.System.GetUtcNow();
        var watch = Stopwatch.StartNew();
        var machine = MachineInfo.Read();
        Log($"JIT vs AOT ({(full ? "full" : "short")}); {machine.Cores} cores, {machine.CpuModel}, load average {machine.LoadAverageAtStart}");

        var rsa = RsaBaseline.Run(full ? TimeSpan.FromSeconds(3) : TimeSpan.FromSeconds(1));
        Log($"  RSA-2048 sign {rsa.SignSinglePerSecond:N0}/s on 1 thread, {rsa.SignParallelPerSecond:N0}/s on {rsa.Threads}; key generation median {rsa.KeyGenerationMedianMs:F0} ms");

        var builds = new[] { new Build("JIT", jit), new Build("AOT", aot) };
        var scratch = Directory.CreateTempSubdirectory("acs-emulator-aot-bench-");
        try
        {
            Log("start-up (interleaved) ...");
            foreach (var b in builds)
            {
                b.DataDirectory = Path.Combine(scratch.FullName, b.Name);
                await StartOnceAsync(b, b.DataDirectory); // creates the kept files, warms the page cache
                await StartOnceAsync(b, "none");
            }

            for (var i = 0; i < runs; i++)
            {
                foreach (var b in builds)
                {
                    b.WithData.Add(await StartOnceAsync(b, b.DataDirectory!));
                    b.WithoutData.Add(await StartOnceAsync(b, "none"));
                    b.WithHttps.Add(await StartOnceAsync(b, b.DataDirectory!, https: true));
                }
            }

            foreach (var b in builds)
            {
                Log($"  {b.Name}: ready {Median(b.WithData, s => s.ReadyMs):F0} ms with a data directory, {Median(b.WithoutData, s => s.ReadyMs):F0} ms with --data-dir none, {Median(b.WithHttps, s => s.ReadyMs):F0} ms with https too; first token {Median(b.WithData, s => s.FirstTokenMs):F0} / {Median(b.WithoutData, s => s.FirstTokenMs):F0} ms");
            }

            Log("in-process fixture (JIT, fresh process each) ...");
            var fixtures = new List<FixtureStartReport>();
            for (var i = 0; i < runs; i++)
            {
                fixtures.Add((await StartupSuite.FixtureOnceAsync()).Report);
            }

            await MeasureStoreAsync(builds, identities, tokenIdentities, warmup, duration);

            var images = new ImageSizes(Bytes(Value(args, "--image-bytes-jit")), Bytes(Value(args, "--image-bytes-aot")));
            var report = new AotReport(full ? "full" : "short", started, watch.Elapsed.TotalSeconds, machine, MachineInfo.LoadAverage(), rsa, identities, tokenIdentities,
                [.. builds.Select(b => b.ToResult(new FileInfo(b.Path).Length))], [.. fixtures], images);
            Directory.CreateDirectory(output);
            var md = AotMarkdown.Render(report);
            var mode = report.Mode;
            await File.WriteAllTextAsync(Path.Combine(output, $"benchmark-aot-{mode}.json"), JsonSerializer.Serialize(report, Json));
            await File.WriteAllTextAsync(Path.Combine(output, $"benchmark-aot-{mode}.md"), md);
            Console.WriteLine();
            Console.WriteLine(md);
            Log($"wrote {Path.Combine(output, $"benchmark-aot-{mode}.md")}");
            return 0;
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Both servers side by side: RSS idle; then, one build after the other, <paramref name="identities"/> created
    /// with a plain <c>POST /identities</c> (no token, so no RSA signature: the store holds the same record either
    /// way) and RSS again, then <paramref name="tokenIdentities"/> more each with a chat token and RSS again; then
    /// issue token on random stored identities and create, at c=16, on the populated servers, load points alternating.
    /// </summary>
    private static async Task MeasureStoreAsync(Build[] builds, int identities, int tokenIdentities, TimeSpan warmup, TimeSpan duration)
    {
        var stored = identities + tokenIdentities;
        Log($"memory and throughput: {identities:N0} identities created without a token, then {tokenIdentities:N0} with a chat token, per build ...");
        var targets = new List<EmulatorTarget>();
        try
        {
            foreach (var b in builds)
            {
                targets.Add(await EmulatorTarget.StartAsync(b.Path));
            }

            await Task.Delay(1000);
            for (var i = 0; i < builds.Length; i++)
            {
                builds[i].IdleBytes = targets[i].Server.WorkingSetBytes();
            }

            var pools = new IdentityPool[builds.Length];
            for (var i = 0; i < builds.Length; i++)
            {
                var (b, target) = (builds[i], targets[i]);
                var populate = Stopwatch.StartNew();
                var plain = await target.PopulateAsync(identities, withToken: false, Concurrency, Progress(b, target, identities, populate));
                b.PopulateSeconds = populate.Elapsed.TotalSeconds;
                await Task.Delay(1000);
                b.IdentitiesBytes = target.Server.WorkingSetBytes();
                Log($"  {b.Name}: {identities:N0} created in {b.PopulateSeconds:F1} s ({identities / b.PopulateSeconds:N0}/s); RSS {b.IdleBytes / 1048576.0:F1} -> {b.IdentitiesBytes / 1048576.0:F1} MiB, {(b.IdentitiesBytes - b.IdleBytes) / (double)identities:F0} B/identity");

                string[] withToken = [];
                b.LoadedBytes = b.IdentitiesBytes;
                if (tokenIdentities > 0)
                {
                    populate.Restart();
                    withToken = await target.PopulateAsync(tokenIdentities, withToken: true, Concurrency);
                    b.TokenPopulateSeconds = populate.Elapsed.TotalSeconds;
                    await Task.Delay(1000);
                    b.LoadedBytes = target.Server.WorkingSetBytes();
                    Log($"  {b.Name}: {tokenIdentities:N0} more with a token in {b.TokenPopulateSeconds:F1} s; RSS {b.LoadedBytes / 1048576.0:F1} MiB");
                }

                pools[i] = new IdentityPool([.. plain, .. withToken]);
            }

            foreach (var operation in new[] { Operations.Issue, Operations.Create })
            {
                for (var i = 0; i < builds.Length; i++)
                {
                    var api = targets[i].Api;
                    var pool = pools[i];
                    Func<Worker, Task> unit = operation == Operations.Issue
                        ? w => w.SendAsync(api.Issue(pool.Random(w.Random)), HttpStatusCode.OK, ResponseChecks.IsToken, "issue token")
                        : w => w.SendAsync(api.Create(AcsApi.CreateBody), HttpStatusCode.Created, ResponseChecks.IsIdentity, "create");
                    var result = await LoadRunner.RunAsync(builds[i].Name, operation, Concurrency, warmup, duration, 5_000_000, unit, targets[i].Server.CpuTime, stored);
                    builds[i].Load.Add(result);
                    Log($"  {builds[i].Name} {operation,-16} c={Concurrency} on {stored:N0} stored {result.RequestsPerSecond,8:N0} req/s  p50 {result.P50Ms,6:F2}  p99 {result.P99Ms,6:F2} ms  server CPU {result.ServerCpuUsPerRequest:N0} µs/req");
                }
            }
        }
        finally
        {
            targets.ForEach(t => t.Dispose());
        }
    }

    /// <summary>Prints the populate's progress and the child's RSS at most every 10 s, so a long run shows it is moving and its memory stays sane.</summary>
    private static Action<int> Progress(Build build, EmulatorTarget target, int total, Stopwatch watch)
    {
        var gate = new object();
        var last = TimeSpan.Zero;
        return created =>
        {
            lock (gate)
            {
                var now = watch.Elapsed;
                if (now - last < TimeSpan.FromSeconds(10))
                {
                    return;
                }

                last = now;
                Log($"  {build.Name}: {created:N0} / {total:N0} created ({created / now.TotalSeconds:N0}/s), RSS {target.Server.WorkingSetBytes() / 1048576.0:F1} MiB");
            }
        };
    }

    private static int Count(string[] args, string name, int fallback, int minimum)
    {
        var value = Value(args, name);
        if (value is null)
        {
            return fallback;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= minimum
            ? n
            : throw new HarnessException($"{name} must be a whole number ≥ {minimum}; got '{value}'.");
    }

    public static double Median<T>(IEnumerable<T> values, Func<T, double> pick) => StartupSuite.Median(values.Select(pick));

    /// <summary>One start of <paramref name="build"/> (<see cref="PublishedStart.OnceAsync"/>), over a client of its own.</summary>
    private static async Task<StartSample> StartOnceAsync(Build build, string dataDirectory, bool https = false)
    {
        using var client = ClientFactory.Create(1);
        return await PublishedStart.OnceAsync(build.Name, build.Path, dataDirectory, client, https);
    }

    private static long? Bytes(string? value) => long.TryParse(value, CultureInfo.InvariantCulture, out var b) && b > 0 ? b : null;

    private static string? Value(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static void Log(string message) => Console.WriteLine($"[{TimeProvider.System.GetLocalNow():HH:mm:ss}] {message}");

    private sealed class Build(string name, string path)
    {
        public string Name { get; } = name;

        public string Path { get; } = path;

        public string? DataDirectory { get; set; }

        public List<StartSample> WithData { get; } = [];

        public List<StartSample> WithoutData { get; } = [];

        public List<StartSample> WithHttps { get; } = [];

        public long IdleBytes { get; set; }

        public long IdentitiesBytes { get; set; }

        public long LoadedBytes { get; set; }

        public double PopulateSeconds { get; set; }

        public double TokenPopulateSeconds { get; set; }

        public List<LoadResult> Load { get; } = [];

        public AotBuildResult ToResult(long fileBytes) => new(Name, fileBytes, [.. WithData], [.. WithoutData], [.. WithHttps], IdleBytes, IdentitiesBytes, LoadedBytes, PopulateSeconds, TokenPopulateSeconds, [.. Load]);
    }
}
