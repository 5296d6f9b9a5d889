using System.Diagnostics;
using System.Text.Json;

namespace Emulator.Benchmarks.Processes;

/// <summary>A probe run in a fresh process that prints its report as JSON on its last line.</summary>
internal static class ProbeProcess
{
    /// <summary>Runs <paramref name="info"/> to its end and reads its last line; the wall time includes the process start.</summary>
    public static async Task<(T Report, double WallMilliseconds)> RunAsync<T>(ProcessStartInfo info, string name, JsonSerializerOptions json)
        where T : class
    {
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new HarnessException($"could not start the {name} process.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var wall = watch.Elapsed.TotalMilliseconds;
        var lines = (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (process.ExitCode != 0 || lines.Length == 0)
        {
            throw new HarnessException($"{name} failed ({process.ExitCode}): {await stderr}{await stdout}");
        }

        var report = JsonSerializer.Deserialize<T>(lines[^1], json) ?? throw new HarnessException($"{name} printed '{lines[^1]}'.");
        return (report, wall);
    }
}
