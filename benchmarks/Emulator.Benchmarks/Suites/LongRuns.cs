using System.Text.Json;

namespace Emulator.Benchmarks.Suites;

/// <summary>The race and the soak, one after the other, each on a fresh emulator; prints the figures and writes long-&lt;label&gt;.json.</summary>
public static class LongRuns
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static async Task<int> RunAsync(LongRunSettings settings, Action<string> log)
    {
        RaceResult? race = null;
        SoakResult? soak = null;
        if (settings.Race)
        {
            log($"race: {settings.RaceOperations:N0} interleaved issue / validate / revoke / PATCH tokensValidFrom / delete operations on {settings.RaceIdentities} shared identities from {settings.RaceWorkers} workers ...");
            race = await RaceSuite.RunAsync(settings.EmulatorDll, settings.RaceOperations, settings.RaceIdentities, settings.RaceWorkers, log);
            log($"  race: {race.Operations:N0} operations in {race.Seconds:F0} s ({race.OperationsPerSecond:N0}/s): {race.WrongAnswers} wrong answers, {race.ServerErrors} 5xx");
            log($"  race: {string.Join(", ", race.ByOperation.Select(p => $"{p.Key} {p.Value:N0}"))}");
            Examples(race.FirstWrongAnswers, log);
        }

        if (settings.Soak)
        {
            log($"soak: {settings.SoakDuration.TotalSeconds:F0} s of mixed operations incl. create/delete from {settings.SoakWorkers} workers ...");
            soak = await SoakSuite.RunAsync(settings.EmulatorDll, settings.SoakDuration, settings.SoakWorkers, settings.SoakSamples, log);
            var first = soak.Memory[0].RssMiB;
            log($"  soak: {soak.Operations:N0} operations in {soak.Seconds:F0} s ({soak.OperationsPerSecond:N0}/s): {soak.WrongAnswers} wrong answers, {soak.ServerErrors} 5xx");
            log($"  soak: RSS {first:F1} MiB at start, {soak.Memory.Max(m => m.RssMiB):F1} MiB peak, {soak.Memory[^1].RssMiB:F1} MiB at the end; second half {soak.SecondHalfMiBPerMinute:+0.0;-0.0} MiB/min");
            log($"  soak: {string.Join(", ", soak.ByOperation.Select(p => $"{p.Key} {p.Value:N0}"))}");
            Examples(soak.FirstWrongAnswers, log);
        }

        Directory.CreateDirectory(settings.OutputDirectory);
        var path = Path.Combine(settings.OutputDirectory, $"long-{settings.Label}.json");
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(new { race, soak }, Json));
        log($"wrote {path}");
        return 0;
    }

    private static void Examples(IReadOnlyList<string> wrong, Action<string> log)
    {
        foreach (var example in wrong.Take(10))
        {
            log($"    wrong: {example}");
        }
    }
}
