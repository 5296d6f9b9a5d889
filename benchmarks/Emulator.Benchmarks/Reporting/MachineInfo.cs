using System.Runtime.InteropServices;

namespace Emulator.Benchmarks.Reporting;

/// <summary>The machine the figures were measured on, read from /proc and the runtime.</summary>
public sealed record MachineInfo(int Cores, string CpuModel, double MemoryGiB, string Runtime, string Os, string LoadAverageAtStart)
{
    public static MachineInfo Read()
    {
        var cpu = ReadField("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString();
        var memKb = ReadField("/proc/meminfo", "MemTotal")?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
        var memory = memKb is null ? 0 : double.Parse(memKb, System.Globalization.CultureInfo.InvariantCulture) / 1048576.0;
        return new MachineInfo(Environment.ProcessorCount, cpu, Math.Round(memory, 1), RuntimeInformation.FrameworkDescription, RuntimeInformation.OSDescription, LoadAverage());
    }

    /// <summary>The 1, 5 and 15 minute load averages: other work on the machine skews every figure.</summary>
    public static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    /// <summary>The 1-minute load average, or 0 where unknown.</summary>
    public static double LoadAverage1() =>
        double.TryParse(LoadAverage().Split(' ')[0], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var load) ? load : 0;

    private static string? ReadField(string path, string name)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        foreach (var line in File.ReadLines(path))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line[..colon].Trim() == name)
            {
                return line[(colon + 1)..].Trim();
            }
        }

        return null;
    }
}
