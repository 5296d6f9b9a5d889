using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Emulator.Tests.Hardening;

/// <summary>
/// The built emulator (<c>dotnet Emulator.dll</c>, copied beside the tests) started as a real process on a data
/// directory: how it exits and what it prints, or, when it starts, that it became ready.
/// </summary>
public static class DataDirectoryProcess
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public sealed record Outcome(int? ExitCode, string StandardOutput, string StandardError, bool BecameReady);

    /// <summary>Starts the emulator; returns when it exits, or once it is ready (then stops it).</summary>
    public static async Task<Outcome> RunAsync(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Emulator.dll"));
        foreach (var argument in (string[])["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), .. arguments])
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        var ready = false;
        while (!process.HasExited && deadline.Elapsed < Timeout)
        {
            try
            {
                using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/emulator/health/ready"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    ready = true;
                    break;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Not answering yet.
            }

            await Task.Delay(100);
        }

        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
        return new Outcome(ready ? null : process.ExitCode, await stdout, await stderr, ready);
    }

    /// <summary>Every entry under <paramref name="path"/> (or the file itself) with its bytes, to prove nothing changed.</summary>
    public static Dictionary<string, byte[]> Snapshot(string path)
    {
        if (File.Exists(path))
        {
            return new() { [path] = File.ReadAllBytes(path) };
        }

        return Directory.Exists(path)
            ? Directory.EnumerateFileSystemEntries(path, "*", SearchOption.AllDirectories).ToDictionary(p => p, Content)
            : [];
    }

    private static byte[] Content(string path) => new FileInfo(path).LinkTarget is { } target
        ? System.Text.Encoding.UTF8.GetBytes("<link to " + target + ">")
        : File.Exists(path) ? File.ReadAllBytes(path) : "<directory>"u8.ToArray();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
