using System.Diagnostics;
using System.Net;
using Emulator.Benchmarks.Http;
using Emulator.Benchmarks.Load;
using Emulator.Identities;

namespace Emulator.Benchmarks.Suites;

/// <summary>
/// For each store size a fresh emulator process: read the idle working set once it is ready, create the identities
/// over HTTP each with a chat token (<c>createTokenWithScopes</c>, one signed JWT each), read the working set again,
/// then warm up and measure issue-token (random stored identities) and create at concurrency 16. Create adds
/// identities while it runs: its store size is the one it started from.
/// </summary>
public static class ScalingSuite
{
    private const int Concurrency = 16;

    public static async Task<List<ScalingLevel>> RunAsync(BenchSettings settings, Action<string> progress)
    {
        var levels = new List<ScalingLevel>();
        foreach (var size in settings.ScalingLevels)
        {
            using var emulator = await EmulatorTarget.StartAsync(settings.EmulatorDll);
            var api = emulator.Api;
            await Task.Delay(1000);
            var idle = emulator.Server.WorkingSetBytes();

            var watch = Stopwatch.StartNew();
            var ids = await emulator.PopulateAsync(size, withToken: true, Concurrency);
            var populate = watch.Elapsed.TotalSeconds;
            await Task.Delay(1000);
            var loaded = emulator.Server.WorkingSetBytes();
            progress($"  {size,9:N0} identities created with a token each in {populate:F1} s ({size / populate:N0}/s); working set {idle / 1048576.0:F1} -> {loaded / 1048576.0:F1} MiB");

            // Warm-up after the memory readings, so that its garbage is not counted; create's is capped in count
            // so that the store stays near its size.
            var pool = new IdentityPool(ids);
            await LoadRunner.RunAsync("emulator", "warm-up", Concurrency, TimeSpan.Zero, settings.Warmup * 3, long.MaxValue,
                w => w.SendAsync(api.Issue(pool.Random(w.Random)), HttpStatusCode.OK, ResponseChecks.IsToken, "warm-up issue"));
            await LoadRunner.RunAsync("emulator", "warm-up", Concurrency, TimeSpan.Zero, settings.Warmup * 3, 5_000,
                w => w.SendAsync(api.Create(AcsApi.CreateBody), HttpStatusCode.Created, ResponseChecks.IsIdentity, "warm-up create"));
            var issue = await LoadRunner.RunAsync("emulator", Operations.Issue, Concurrency, settings.Warmup, settings.ScalingDuration, settings.MaxRequestsPerPoint,
                w => w.SendAsync(api.Issue(pool.Random(w.Random)), HttpStatusCode.OK, ResponseChecks.IsToken, "issue token"),
                emulator.Server.CpuTime, size);
            var create = await LoadRunner.RunAsync("emulator", Operations.Create, Concurrency, settings.Warmup, settings.ScalingDuration, settings.MaxRequestsPerPoint,
                w => w.SendAsync(api.Create(AcsApi.CreateBody), HttpStatusCode.Created, ResponseChecks.IsIdentity, "create"),
                emulator.Server.CpuTime, size);
            progress($"  {size,9:N0} stored: issue {issue.RequestsPerSecond:N0} req/s (p99 {issue.P99Ms:F2} ms), create {create.RequestsPerSecond:N0} req/s (p99 {create.P99Ms:F2} ms)");
            levels.Add(new ScalingLevel(size, populate, idle, loaded, (loaded - idle) / (double)size, issue, create));
        }

        return levels;
    }

    /// <summary>Managed heap per stored identity (with one recorded token issue), measured on the store alone, in this process.</summary>
    public static double StoreOnlyBytesPerIdentity(int count)
    {
        var now = TimeProvider.System.GetUtcNow();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var store = new IdentityStore();
        for (var i = 0; i < count; i++)
        {
            var record = store.Create(null, now);
            store.RecordIssue(record.Id, now);
        }

        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(store);
        return (after - before) / (double)count;
    }
}
