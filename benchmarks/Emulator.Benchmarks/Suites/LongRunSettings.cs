using System.Globalization;

namespace Emulator.Benchmarks.Suites;

/// <summary>
/// The long runs: the interleaved race (default 1,000,000 operations on 16 identities from 24 workers) and the mixed
/// soak (default 10 minutes from 16 workers). <c>run --full</c> uses the defaults; <c>long</c> takes overrides.
/// </summary>
public sealed record LongRunSettings(
    string EmulatorDll,
    string OutputDirectory,
    string Label,
    long RaceOperations,
    int RaceIdentities,
    int RaceWorkers,
    TimeSpan SoakDuration,
    int SoakWorkers,
    int SoakSamples,
    bool Race,
    bool Soak)
{
    public static LongRunSettings Full(string emulatorDll, string outputDirectory)
        => new(emulatorDll, outputDirectory, "full", 1_000_000, 16, 24, TimeSpan.FromMinutes(10), 16, 20, Race: true, Soak: true);

    /// <summary><c>long --emulator &lt;dll&gt; [--race-ops N] [--soak-seconds N] [--workers N] [--only race|soak] [--out dir]</c>.</summary>
    public static LongRunSettings Parse(string[] args)
    {
        var emulator = Value(args, "--emulator") ?? throw new HarnessException("--emulator <path to the published Emulator.dll> is required.");
        if (!File.Exists(emulator))
        {
            throw new HarnessException($"--emulator: '{emulator}' does not exist; publish the emulator first (benchmarks/run.sh does).");
        }

        var defaults = Full(Path.GetFullPath(emulator), Value(args, "--out") ?? Path.Combine(Directory.GetCurrentDirectory(), "results"));
        var only = Value(args, "--only");
        if (only is not (null or "race" or "soak"))
        {
            throw new HarnessException($"--only '{only}': use race or soak.");
        }

        var workers = Number(args, "--workers");
        return defaults with
        {
            Label = "long",
            RaceOperations = Number(args, "--race-ops") ?? defaults.RaceOperations,
            RaceWorkers = (int?)workers ?? defaults.RaceWorkers,
            SoakWorkers = (int?)workers ?? defaults.SoakWorkers,
            SoakDuration = Number(args, "--soak-seconds") is { } seconds ? TimeSpan.FromSeconds(seconds) : defaults.SoakDuration,
            Race = only is null or "race",
            Soak = only is null or "soak",
        };
    }

    private static long? Number(string[] args, string name)
    {
        var text = Value(args, name);
        if (text is null)
        {
            return null;
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 && value <= int.MaxValue
            ? value
            : throw new HarnessException($"{name} '{text}': use a positive whole number.");
    }

    private static string? Value(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
