using System.Net;
using Emulator.Benchmarks.Http;
using Emulator.Benchmarks.Load;
using Emulator.Benchmarks.Processes;
using Emulator.Benchmarks.Servers;

namespace Emulator.Benchmarks.Suites;

/// <summary>
/// Requests/s and latency over loopback HTTP for each operation at each concurrency. The three servers run side by
/// side in child processes and, at each concurrency, are measured one right after another, so their ratios hold on a
/// noisy machine. The WireMock stub with default settings journals every request without bound, so it gets a fresh
/// process (and its own warm-up) at each concurrency.
/// </summary>
public static class ThroughputSuite
{
    public const string Emulator = "emulator";
    public const string WireMock = "WireMock.Net stub (tuned)";
    public const string WireMockDefaults = "WireMock.Net stub (defaults)";
    public const string Bare = "bare minimal endpoint";

    public static async Task<List<LoadResult>> RunAsync(BenchSettings settings, Action<LoadResult> progress)
    {
        var results = new List<LoadResult>();
        using var emulator = await EmulatorTarget.StartAsync(settings.EmulatorDll);
        using var wireMock = await StartCannedAsync("serve-wiremock", WireMock);
        using var bare = await StartCannedAsync("serve-bare", Bare);
        var api = emulator.Api;
        var bareApi = new AcsApi(bare.BaseUri, Credentials.NewRandom().Signer());
        var wireMockApi = new AcsApi(wireMock.BaseUri, Credentials.NewRandom().Signer());

        // Every route of every server runs unrecorded first, so that the first measured points (c=1) time the
        // steady state rather than the JIT and tiered PGO.
        var warmPool = new IdentityPool(await emulator.PopulateAsync(1_000, withToken: false));
        Func<Worker, Task>[] warmUps =
        [
            w => w.SendAsync(bareApi.Create(AcsApi.CreateBody), HttpStatusCode.Created, IsCanned, Bare),
            w => w.SendAsync(wireMockApi.Create(AcsApi.CreateBody), HttpStatusCode.Created, IsCanned, WireMock),
            w => w.SendAsync(api.Create(AcsApi.CreateBody), HttpStatusCode.Created, ResponseChecks.IsIdentity, "create"),
            w => w.SendAsync(api.Create(AcsApi.CreateWithTokenBody), HttpStatusCode.Created, ResponseChecks.IsIdentityWithToken, "create with token"),
            w => w.SendAsync(api.Issue(warmPool.Random(w.Random)), HttpStatusCode.OK, ResponseChecks.IsToken, "issue token"),
            w => w.SendAsync(api.Revoke(warmPool.Random(w.Random)), HttpStatusCode.NoContent, ResponseChecks.IsEmpty, "revoke"),
            w => LifecycleAsync(w, api),
        ];
        foreach (var warmUp in warmUps)
        {
            await LoadRunner.RunAsync("warm-up", "warm-up", 16, TimeSpan.Zero, settings.Warmup * 3, long.MaxValue, warmUp);
        }

        foreach (var c in settings.Concurrencies)
        {
            async Task Point(string target, string operation, Func<Worker, Task> unit, Func<TimeSpan> cpu)
            {
                var result = await LoadRunner.RunAsync(target, operation, c, settings.Warmup, settings.Duration, settings.MaxRequestsPerPoint, unit, cpu);
                results.Add(result);
                progress(result);
            }

            await Point(Bare, Operations.Create, w => w.SendAsync(bareApi.Create(AcsApi.CreateBody), HttpStatusCode.Created, IsCanned, Bare), bare.CpuTime);
            await Point(WireMock, Operations.Create, w => w.SendAsync(wireMockApi.Create(AcsApi.CreateBody), HttpStatusCode.Created, IsCanned, WireMock), wireMock.CpuTime);
            using (var fresh = await StartCannedAsync("serve-wiremock", WireMockDefaults, "--defaults"))
            {
                var freshApi = new AcsApi(fresh.BaseUri, Credentials.NewRandom().Signer());
                Func<Worker, Task> unit = w => w.SendAsync(freshApi.Create(AcsApi.CreateBody), HttpStatusCode.Created, IsCanned, WireMockDefaults);
                await LoadRunner.RunAsync("warm-up", "warm-up", 16, TimeSpan.Zero, settings.Warmup * 3, long.MaxValue, unit);
                await Point(WireMockDefaults, Operations.Create, unit, fresh.CpuTime);
            }

            await emulator.ResetAsync();
            await Point(Emulator, Operations.Create, w => w.SendAsync(api.Create(AcsApi.CreateBody), HttpStatusCode.Created, ResponseChecks.IsIdentity, "create"), emulator.Server.CpuTime);
            await Point(Emulator, Operations.CreateWithToken, w => w.SendAsync(api.Create(AcsApi.CreateWithTokenBody), HttpStatusCode.Created, ResponseChecks.IsIdentityWithToken, "create with token"), emulator.Server.CpuTime);

            await emulator.ResetAsync();
            var pool = new IdentityPool(await emulator.PopulateAsync(1_000, withToken: false));
            await Point(Emulator, Operations.Issue, w => w.SendAsync(api.Issue(pool.Random(w.Random)), HttpStatusCode.OK, ResponseChecks.IsToken, "issue token"), emulator.Server.CpuTime);
            await Point(Emulator, Operations.Revoke, w => w.SendAsync(api.Revoke(pool.Random(w.Random)), HttpStatusCode.NoContent, ResponseChecks.IsEmpty, "revoke"), emulator.Server.CpuTime);

            await emulator.ResetAsync();
            var doomed = new IdentityPool(await emulator.PopulateAsync(settings.DeletePool, withToken: false));
            await Point(Emulator, Operations.Delete, w => DeleteAsync(w, api, doomed), emulator.Server.CpuTime);

            await emulator.ResetAsync();
            await Point(Emulator, Operations.Lifecycle, w => LifecycleAsync(w, api), emulator.Server.CpuTime);
        }

        return results;
    }

    private static async Task DeleteAsync(Worker worker, AcsApi api, IdentityPool pool)
    {
        if (pool.Take() is not { } id)
        {
            worker.Exhausted();
            return;
        }

        await worker.SendAsync(api.Delete(id), HttpStatusCode.NoContent, ResponseChecks.IsEmpty, "delete");
    }

    /// <summary>What a test does with an identity: create it, get a token, revoke, delete (four requests).</summary>
    private static async Task LifecycleAsync(Worker worker, AcsApi api)
    {
        var created = await worker.SendAsync(api.Create(AcsApi.CreateBody), HttpStatusCode.Created, ResponseChecks.IsIdentity, "lifecycle create");
        var id = Uri.EscapeDataString(ResponseChecks.IdOf(created));
        await worker.SendAsync(api.Issue(id), HttpStatusCode.OK, ResponseChecks.IsToken, "lifecycle issue");
        await worker.SendAsync(api.Revoke(id), HttpStatusCode.NoContent, ResponseChecks.IsEmpty, "lifecycle revoke");
        await worker.SendAsync(api.Delete(id), HttpStatusCode.NoContent, ResponseChecks.IsEmpty, "lifecycle delete");
    }

    private static bool IsCanned(byte[] body) => body.AsSpan().SequenceEqual(CannedIdentity.Body);

    /// <summary>Starts this program in a serving mode and waits until its canned route answers.</summary>
    private static async Task<ChildServer> StartCannedAsync(string mode, string name, params string[] extra)
    {
        var port = FreePort.Next();
        var server = ChildServer.Start(name, typeof(ThroughputSuite).Assembly.Location, port, [mode, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), .. extra]);
        var api = new AcsApi(server.BaseUri, Credentials.NewRandom().Signer());
        using var client = ClientFactory.Create(1);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (server.HasExited)
            {
                break;
            }

            try
            {
                using var response = await client.SendAsync(api.Create(AcsApi.CreateBody), CancellationToken.None);
                var body = await response.Content.ReadAsByteArrayAsync();
                if (response.StatusCode == HttpStatusCode.Created && IsCanned(body))
                {
                    return server;
                }

                throw new HarnessException($"{name} answered {(int)response.StatusCode} '{ResponseChecks.Excerpt(body)}' instead of the canned 201.");
            }
            catch (HttpRequestException)
            {
                await Task.Delay(20);
            }
        }

        var output = server.Output();
        server.Dispose();
        throw new HarnessException($"{name} did not start:\n{output}");
    }
}
