using System.Globalization;
using System.Net;
using Emulator.Benchmarks.Http;
using Emulator.Benchmarks.Load;

namespace Emulator.Benchmarks.Suites;

/// <summary>
/// Mode <c>journal</c>: what the request journal and the console access log cost on the hot path. Create and issue
/// against a fresh emulator per configuration — journal on (default) or off (<c>Journal:Capacity=0</c>), access log
/// on (default) or off (<c>--quiet</c>) — in rounds that alternate the order, keeping each configuration's best round.
/// <c>journal --emulator Emulator.dll [--c 16] [--seconds 8] [--rounds 2]</c>.
/// </summary>
public static class JournalOverhead
{
    private static readonly (string Name, string[] Arguments)[] Configurations =
    [
        ("journal on, access log on (default)", []),
        ("journal off, access log on", ["--Journal:Capacity", "0"]),
        ("journal on, --quiet", ["--quiet"]),
        ("journal off, --quiet", ["--quiet", "--Journal:Capacity", "0"]),
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        string? Arg(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var dll = Arg("--emulator") ?? throw new HarnessException("--emulator <Emulator.dll> is required.");
        var c = int.Parse(Arg("--c") ?? "16", CultureInfo.InvariantCulture);
        var seconds = double.Parse(Arg("--seconds") ?? "8", CultureInfo.InvariantCulture);
        var rounds = int.Parse(Arg("--rounds") ?? "2", CultureInfo.InvariantCulture);
        var best = new Dictionary<(string, string), LoadResult>();
        for (var round = 0; round < rounds; round++)
        {
            var order = round % 2 == 0 ? Configurations : [.. Configurations.Reverse()];
            foreach (var (name, arguments) in order)
            {
                using var emulator = await EmulatorTarget.StartAsync(dll, "none", [.. arguments]);
                var api = emulator.Api;
                var pool = new IdentityPool(await emulator.PopulateAsync(1_000, withToken: false));
                foreach (var op in new[] { "create", "issue" })
                {
                    Func<Worker, Task> unit = op == "create"
                        ? w => w.SendAsync(api.Create(AcsApi.CreateBody), HttpStatusCode.Created, ResponseChecks.IsIdentity, op)
                        : w => w.SendAsync(api.Issue(pool.Random(w.Random)), HttpStatusCode.OK, ResponseChecks.IsToken, op);
                    var result = await LoadRunner.RunAsync(name, op, c, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(seconds), long.MaxValue, unit, emulator.Server.CpuTime);
                    Console.WriteLine($"round {round + 1} {name,-36} {op,-6} {result.RequestsPerSecond,8:N0} req/s  p50 {result.P50Ms,6:F2} ms  p99 {result.P99Ms,6:F2} ms  server CPU {result.ServerCpuUsPerRequest,5:N0} µs/req");
                    if (!best.TryGetValue((name, op), out var kept) || result.RequestsPerSecond > kept.RequestsPerSecond)
                    {
                        best[(name, op)] = result;
                    }
                }
            }
        }

        Console.WriteLine();
        Console.WriteLine($"| configuration | operation | req/s (best of {rounds}) | p50 ms | p99 ms | server CPU µs/req |");
        Console.WriteLine("| --- | --- | ---: | ---: | ---: | ---: |");
        foreach (var op in new[] { "create", "issue" })
        {
            foreach (var (name, _) in Configurations)
            {
                var r = best[(name, op)];
                Console.WriteLine($"| {name} | {op} | {r.RequestsPerSecond:N0} | {r.P50Ms:F2} | {r.P99Ms:F2} | {r.ServerCpuUsPerRequest:N0} |");
            }
        }

        return 0;
    }
}
