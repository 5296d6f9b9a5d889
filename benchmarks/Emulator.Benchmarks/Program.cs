using Emulator.Benchmarks;
using Emulator.Benchmarks.Fixture;
using Emulator.Benchmarks.Servers;
using Emulator.Benchmarks.Suites;

// run            the benchmark (parent); the servers below are started by it as child processes
// serve-bare     a bare ASP.NET Core minimal endpoint answering POST /identities with canned bytes
// serve-wiremock WireMock.Net answering POST /identities with the same canned bytes
// fixture-start  in-process start-up: EmulatorApp.Create + StartAsync + first request, in a fresh process
// fixture        the in-process fixture's first start in fresh processes, with and without the key cache, and its JIT profile (see FixtureBench)
// fixture-profile one such fresh process (child of fixture)
// signing        only the RSA-2048 and TokenSigner baseline (for profiling)
// startup        only the published start-up, to compare builds interleaved: startup --emulator <dll> [--emulator <dll> ...] [--runs N]
// aot            JIT and Native AOT side by side: aot --emulator <Emulator.dll> --emulator-aot <Emulator> [--short]
// load           one operation against a fresh emulator, to profile it (see ProfileLoad)
// journal        create and issue with the request journal and the access log on and off, side by side (see JournalOverhead)
// long           only the long runs (race, soak): long --emulator <Emulator.dll> [--race-ops N] [--soak-seconds N] [--workers N] [--only race|soak]
// persistence    create and issue with Server:PersistState off and on, side by side (see PersistenceSuite)
var mode = args.Length > 0 ? args[0] : "run";
var rest = args.Skip(1).ToArray();
try
{
    return mode switch
    {
        "run" => await BenchmarkRun.RunAsync(BenchSettings.Parse(rest)),
        "serve-bare" => await BareServer.RunAsync(rest),
        "serve-wiremock" => await WireMockStub.RunAsync(rest),
        "fixture-start" => await FixtureStartProbe.RunAsync(rest),
        "fixture" => await FixtureBench.RunAsync(rest),
        "fixture-profile" => await FixtureProfileProbe.RunAsync(rest),
        "signing" => Signing(),
        "startup" => await StartupSuite.PublishedOnlyAsync(rest),
        "aot" => await AotComparison.RunAsync(rest),
        "load" => await ProfileLoad.RunAsync(rest),
        "journal" => await JournalOverhead.RunAsync(rest),
        "long" => await LongRuns.RunAsync(LongRunSettings.Parse(rest), m => Console.WriteLine($"[{TimeProvider.System.GetLocalNow():HH:mm:ss}] {m}")),
        "persistence" => await PersistenceSuite.RunAsync(rest),
        _ => Usage(),
    };
}
catch (HarnessException ex)
{
    await Console.Error.WriteLineAsync($"benchmark harness error: {ex.Message}");
    return 1;
}

static int Signing()
{
    var rsa = RsaBaseline.Run(TimeSpan.FromSeconds(3));
    Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(rsa));
    return 0;
}

static int Usage()
{
    Console.Error.WriteLine("usage: Emulator.Benchmarks run --short|--full --emulator <Emulator.dll> [--out <dir>]");
    return 64;
}
