using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Runtime;
using System.Text.Json;
using Emulator.Benchmarks.Http;
using Emulator.Benchmarks.Suites;
using Emulator.Testing;
using Emulator.Tokens;

namespace Emulator.Benchmarks.Fixture;

/// <summary>
/// Child mode <c>fixture-profile</c>: the real test fixture, <see cref="AcsIdentityEmulator.StartAsync"/> with its
/// defaults (http and https), in a fresh process whose HTTP client is already warm, then its first signed create
/// with a chat token. Prints one JSON line
/// with the phases, the process's CPU time, the methods the JIT compiled by then and, with <c>--jit-events</c>, where
/// they were. <c>--key-cache DIR|none</c> sets <see cref="AcsIdentityEmulatorOptions.SigningKeyCacheDirectory"/>;
/// <c>--native EXE</c> starts the Native AOT binary as a child process (<see cref="AcsIdentityEmulatorMode.NativeProcess"/>,
/// later starts reuse it unless <c>--no-reuse</c>); the host-built phase is then not measured (no builder in this process).
/// </summary>
public static class FixtureProfileProbe
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<int> RunAsync(string[] args)
    {
        using var listener = args.Contains("--jit-events") ? new JitListener() : null;
        var cache = Value(args, "--key-cache");
        var warmRuns = int.Parse(Value(args, "--warm-runs") ?? "5", CultureInfo.InvariantCulture);
        using var client = ClientFactory.Create(1);
        await FixtureStartProbe.WarmClientAsync(client); // the client's JIT is the test's, not the fixture's
        var baseline = Mark(Stopwatch.GetTimestamp());

        var native = Value(args, "--native");
        var reuse = !args.Contains("--no-reuse");
        var first = await OnceAsync(client, cache, native, reuse);
        var cold = first with { CpuMs = first.CpuMs - baseline.CpuMs, JitMethods = first.JitMethods - baseline.JitMethods, JitMs = first.JitMs - baseline.JitMs };
        var warm = new double[warmRuns];
        for (var i = 0; i < warmRuns; i++)
        {
            warm[i] = (await OnceAsync(client, cache, native, reuse)).FirstTokenMs;
        }

        var namespaces = listener?.ByNamespace.OrderByDescending(n => n.Value.Ms)
            .Select(n => new JitShare(n.Key, n.Value.Methods, Math.Round(n.Value.Ms, 1))).ToArray() ?? [];
        Console.WriteLine(JsonSerializer.Serialize(new FixtureProfile(baseline, cold, warm, namespaces), Json));
        return 0;
    }

    private static async Task<FixtureRun> OnceAsync(HttpMessageInvoker client, string? cache, string? native, bool reuse)
    {
        var t0 = Stopwatch.GetTimestamp();
        PhaseMark? built = null;
        var options = native is null
            ? new AcsIdentityEmulatorOptions { ConfigureBuilder = _ => built = Mark(t0) }
            : new AcsIdentityEmulatorOptions { Mode = AcsIdentityEmulatorMode.NativeProcess, ExecutablePath = native, ReuseNativeProcess = reuse };
        if (cache is not null)
        {
            options.SigningKeyCacheDirectory = cache == "none" ? null : cache;
        }

        await using var emulator = await AcsIdentityEmulator.StartAsync(options);
        var started = Mark(t0);
        var generated = native is null && emulator.Services.GetRequiredService<SigningKeyProvider>().Generates;
        var api = new AcsApi(emulator.Endpoint, new AcsRequestSigner(Convert.FromBase64String(emulator.AccessKey), TimeProvider.System));
        using (var response = await client.SendAsync(api.Create(AcsApi.CreateWithTokenBody), CancellationToken.None))
        {
            var body = await response.Content.ReadAsByteArrayAsync();
            if (response.StatusCode != HttpStatusCode.Created || !ResponseChecks.IsIdentityWithToken(body))
            {
                throw new HarnessException($"the fixture answered {(int)response.StatusCode}, not a created identity with a token.");
            }
        }

        var first = Mark(t0);
        // BuilderMs -1: not measured (in native mode there is no host builder in this process).
        return new FixtureRun(built?.Ms ?? -1, started.Ms, first.Ms, first.CpuMs, first.JitMethods, first.JitMs, generated);
    }

    private static PhaseMark Mark(long since) => new(
        Stopwatch.GetElapsedTime(since).TotalMilliseconds,
        Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds,
        JitInfo.GetCompiledMethodCount(),
        JitInfo.GetCompilationTime().TotalMilliseconds);

    private static string? Value(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}

/// <summary>Wall ms since the mark's start; the process's CPU ms, JIT-compiled methods and JIT ms since it started.</summary>
public sealed record PhaseMark(double Ms, double CpuMs, long JitMethods, double JitMs);

/// <summary>One fixture start: ms to the host being built (ConfigureBuilder; -1 in native mode), started, first token served; CPU and JIT by then.</summary>
public sealed record FixtureRun(double BuilderMs, double StartedMs, double FirstTokenMs, double CpuMs, long JitMethods, double JitMs, bool GeneratedKey);

/// <summary>A namespace's share of the JIT during the run.</summary>
public sealed record JitShare(string Namespace, int Methods, double Ms);

/// <summary>A fresh process: the state before the first fixture (runtime start, harness), the first fixture, later ones.</summary>
public sealed record FixtureProfile(PhaseMark BeforeFirst, FixtureRun Cold, double[] WarmFirstTokenMs, JitShare[] Jit);
