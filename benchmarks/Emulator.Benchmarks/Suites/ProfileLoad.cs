using System.Globalization;
using System.Net;
using Emulator.Benchmarks.Http;
using Emulator.Benchmarks.Load;

namespace Emulator.Benchmarks.Suites;

/// <summary>
/// Mode <c>load</c>: one operation against a fresh emulator for a while, to attach a profiler to (for example
/// <c>perf record -g -p PID</c> with <c>DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0</c> exported).
/// <c>load --emulator Emulator.dll --op create|issue|revoke [--c 16] [--seconds 20]</c>.
/// </summary>
public static class ProfileLoad
{
    public static async Task<int> RunAsync(string[] args)
    {
        string? Arg(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var dll = Arg("--emulator") ?? throw new HarnessException("--emulator <Emulator.dll> is required.");
        var op = Arg("--op") ?? "create";
        var c = int.Parse(Arg("--c") ?? "16", CultureInfo.InvariantCulture);
        var seconds = double.Parse(Arg("--seconds") ?? "20", CultureInfo.InvariantCulture);
        using var emulator = await EmulatorTarget.StartAsync(dll);
        var api = emulator.Api;
        var pool = new IdentityPool(await emulator.PopulateAsync(1_000, withToken: false));
        Func<Worker, Task> unit = op switch
        {
            "create" => w => w.SendAsync(api.Create(AcsApi.CreateBody), HttpStatusCode.Created, ResponseChecks.IsIdentity, op),
            "issue" => w => w.SendAsync(api.Issue(pool.Random(w.Random)), HttpStatusCode.OK, ResponseChecks.IsToken, op),
            "revoke" => w => w.SendAsync(api.Revoke(pool.Random(w.Random)), HttpStatusCode.NoContent, ResponseChecks.IsEmpty, op),
            _ => throw new HarnessException("--op must be create, issue or revoke."),
        };
        Console.WriteLine($"emulator pid {emulator.Server.ProcessId}: {op} at c={c}, 5 s warm-up then {seconds} s");
        var result = await LoadRunner.RunAsync("emulator", op, c, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(seconds), long.MaxValue, unit, emulator.Server.CpuTime);
        Console.WriteLine($"{result.RequestsPerSecond:N0} req/s, p50 {result.P50Ms:F2} ms, p99 {result.P99Ms:F2} ms, server CPU {result.ServerCpuUsPerRequest:N0} µs/req, client CPU {result.ClientCpuUsPerRequest:N0} µs/req");
        return 0;
    }
}
