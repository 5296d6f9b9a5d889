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
        var load = File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
        return new MachineInfo(Environment.ProcessorCount, cpu, Math.Round(memory, 1), RuntimeInformation.FrameworkDescription, RuntimeInformation.OSDescription, load);
    }

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
