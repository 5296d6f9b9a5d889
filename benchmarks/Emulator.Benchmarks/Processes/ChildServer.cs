using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Emulator.Benchmarks.Processes;

/// <summary>
/// A server in its own process (<c>dotnet some.dll ...</c>) on a loopback port: its output is drained (kept for
/// errors), its CPU time and resident memory read from the OS, and it is killed when disposed.
/// </summary>
public sealed class ChildServer : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ChildServer(string name, Process process, int port)
    {
        Name = name;
        _process = process;
        Port = port;
        BaseUri = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
    }

    public string Name { get; }

    public int Port { get; }

    public Uri BaseUri { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>
    /// Starts <c>dotnet <paramref name="dll"/> <paramref name="args"/></c>, or the file itself when it is not a .dll
    /// (the Native AOT binary); the caller measures from just before this call.
    /// </summary>
    public static ChildServer Start(string name, string dll, int port, IEnumerable<string> args)
    {
        var native = !dll.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);
        var info = new ProcessStartInfo(native ? dll : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (!native)
        {
            info.ArgumentList.Add(dll);
        }

        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // The emulator's console banner and logs are not part of what is measured, but they are read, not dropped.
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var child = new ChildServer(name, process, port);
        process.OutputDataReceived += (_, e) => child.Append(e.Data);
        process.ErrorDataReceived += (_, e) => child.Append(e.Data);
        if (!process.Start())
        {
            throw new HarnessException($"{name}: could not start dotnet {dll}.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>User + system CPU time of the child so far.</summary>
    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    /// <summary>Resident set size (VmRSS) in bytes, read from /proc.</summary>
    public long WorkingSetBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                var kb = line["VmRSS:".Length..].Trim().Split(' ')[0];
                return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
            }
        }

        throw new HarnessException($"{Name}: no VmRSS in /proc/{_process.Id}/status.");
    }

    public string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            if (_output.Length < 64 * 1024)
            {
                _output.AppendLine(line);
            }
        }
    }
}
