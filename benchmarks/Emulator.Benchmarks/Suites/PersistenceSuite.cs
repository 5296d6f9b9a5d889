using System.Globalization;
using System.Net;
using Emulator.Benchmarks.Http;
using Emulator.Benchmarks.Load;

namespace Emulator.Benchmarks.Suites;

/// <summary>
/// Mode <c>persistence</c>: the cost of <c>Server:PersistState</c> on create and issue. Two emulators run side by
/// side, one in memory only and one persisting to a temporary data directory (default interval, 1 s), and each
/// operation is measured on one right after the other, twice in alternating order so that drift on a noisy machine
/// shows. <c>persistence --emulator Emulator.dll [--c 16] [--seconds 3]</c>.
/// </summary>
public static class PersistenceSuite
{
    public static async Task<int> RunAsync(string[] args)
    {
        string? Arg(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var dll = Arg("--emulator") ?? throw new HarnessException("--emulator <Emulator.dll> is required.");
        var c = int.Parse(Arg("--c") ?? "16", CultureInfo.InvariantCulture);
        var duration = TimeSpan.FromSeconds(double.Parse(Arg("--seconds") ?? "3", CultureInfo.InvariantCulture));
        var dataDirectory = Directory.CreateTempSubdirectory("acs-bench-persist-");
        try
        {
            using var off = await EmulatorTarget.StartAsync(dll);
            using var on = await EmulatorTarget.StartAsync(dll, dataDirectory.FullName, "--Server:PersistState", "true");
            var targets = new[] { ("off", off), ("on", on) };
            var pools = new Dictionary<string, IdentityPool>();
            foreach (var (name, target) in targets)
            {
                pools[name] = new IdentityPool(await target.PopulateAsync(1_000, withToken: false));
            }

            Console.WriteLine($"| operation | persistence | req/s | p50 ms | p99 ms | server CPU µs/req |");
            Console.WriteLine($"|---|---|---:|---:|---:|---:|");
            foreach (var round in new[] { targets, targets.Reverse().ToArray() })
            {
                foreach (var op in new[] { "create", "issue" })
                {
                    foreach (var (name, target) in round)
                    {
                        var api = target.Api;
                        var pool = pools[name];
                        Func<Worker, Task> unit = op == "create"
                            ? w => w.SendAsync(api.Create(AcsApi.CreateBody), HttpStatusCode.Created, ResponseChecks.IsIdentity, op)
                            : w => w.SendAsync(api.Issue(pool.Random(w.Random)), HttpStatusCode.OK, ResponseChecks.IsToken, op);
                        var result = await LoadRunner.RunAsync(name, op, c, TimeSpan.FromSeconds(0.5), duration, long.MaxValue, unit, target.Server.CpuTime);
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {op} (c={c}) | {name} | {result.RequestsPerSecond:N0} | {result.P50Ms:F2} | {result.P99Ms:F2} | {result.ServerCpuUsPerRequest:N0} |"));
                    }
                }
            }

            var state = new FileInfo(Path.Combine(dataDirectory.FullName, "state.json"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"state.json of the persisting emulator at the end: {(state.Exists ? state.Length / 1024.0 / 1024.0 : 0):F1} MiB"));
            return 0;
        }
        finally
        {
            dataDirectory.Delete(recursive: true);
        }
    }
}
