namespace Emulator.Benchmarks;

/// <summary>How long and how much each step runs. Short mode is for CI (about 1-2 minutes); full mode for the published table.</summary>
public sealed record BenchSettings(
    string Mode,
    string EmulatorDll,
    string OutputDirectory,
    TimeSpan Warmup,
    TimeSpan Duration,
    long MaxRequestsPerPoint,
    int[] Concurrencies,
    int DeletePool,
    int StartupRuns,
    int[] ScalingLevels,
    TimeSpan ScalingDuration,
    int StoreOnlyIdentities,
    TimeSpan WaitQuiet)
{
    public bool IsFull => Mode == "full";

    public static BenchSettings Parse(string[] args)
    {
        var full = args.Contains("--full");
        if (!full && !args.Contains("--short"))
        {
            throw new HarnessException("choose --short (CI, about 1-2 minutes) or --full (about 25 minutes).");
        }

        var emulator = Value(args, "--emulator") ?? throw new HarnessException("--emulator <path to the published Emulator.dll> is required.");
        if (!File.Exists(emulator))
        {
            throw new HarnessException($"--emulator: '{emulator}' does not exist; publish the emulator first (benchmarks/run.sh does).");
        }

        var output = Value(args, "--out") ?? Path.Combine(Directory.GetCurrentDirectory(), "results");
        int[] concurrencies = [1, 16, 64];
        var waitQuiet = TimeSpan.FromMinutes(double.Parse(Value(args, "--wait-quiet") ?? "0", System.Globalization.CultureInfo.InvariantCulture));
        return full
            ? new BenchSettings("full", Path.GetFullPath(emulator), output, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10), 5_000_000,
                concurrencies, 250_000, 9, [1_000, 10_000, 100_000, 1_000_000], TimeSpan.FromSeconds(10), 1_000_000, waitQuiet)
            : new BenchSettings("short", Path.GetFullPath(emulator), output, TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(1), 500_000,
                concurrencies, 20_000, 3, [1_000, 10_000], TimeSpan.FromSeconds(1), 100_000, waitQuiet);
    }

    private static string? Value(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
