using System.ComponentModel;
using System.Diagnostics;
using System.Net;
using Emulator.Hosting;

namespace Emulator.Testing;

/// <summary>
/// One Native AOT emulator child process: started with its standard input on a pipe that this process keeps open
/// (<c>Server:ExitWhenStdinCloses</c>), so it ends when it is stopped or when the test process dies, however it dies.
/// Its output is drained all the time (a full pipe would block it) and its last lines kept for exception messages.
/// </summary>
internal sealed class NativeEmulatorProcess
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);
    private readonly Process _process;
    private readonly NativeOutput _output;

    private NativeEmulatorProcess(Process process, NativeOutput output, NativeBanner banner, string executable, IPAddress adminAddress)
    {
        _process = process;
        _output = output;
        Banner = banner;
        Executable = executable;
        // The connection string's host is Resource:EndpointHost, which need not resolve here: call the address it listens on.
        var admin = new UriBuilder(NativeBanner.EndpointOf(banner.HttpConnectionString)) { Host = adminAddress.ToString() }.Uri;
        Admin = new NativeAdminClient(admin, banner.AccessKey);
    }

    public NativeBanner Banner { get; }

    public string Executable { get; }

    public NativeAdminClient Admin { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Starts the binary and waits for its banner; a child that exits first or stays silent too long is an exception with its output.</summary>
    public static async Task<NativeEmulatorProcess> StartAsync(string executable, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, IPAddress adminAddress, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(executable),
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        var output = new NativeOutput();
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => output.Add(e.Data);
        process.ErrorDataReceived += (_, e) => output.Add(e.Data);
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            process.Dispose();
            throw new InvalidOperationException($"The native emulator {executable} could not be started: {ex.Message}", ex);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var banner = await WaitForBannerAsync(process, output, executable, timeout, cancellationToken).ConfigureAwait(false);
            return new NativeEmulatorProcess(process, output, banner, executable, adminAddress);
        }
        catch
        {
            Kill(process);
            process.Dispose();
            throw;
        }
    }

    private static async Task<NativeBanner> WaitForBannerAsync(Process process, NativeOutput output, string executable, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        var exited = process.WaitForExitAsync(timer.Token); // completes once its output is read to the end too
        var first = await Task.WhenAny(output.Banner, exited).ConfigureAwait(false);
        if (first == output.Banner)
        {
            return await output.Banner.ConfigureAwait(false);
        }

        if (exited.IsCompletedSuccessfully)
        {
            throw Exited(process.ExitCode, output, executable);
        }

        cancellationToken.ThrowIfCancellationRequested();
        throw new TimeoutException($"The native emulator {executable} printed no connection strings within {timeout.TotalSeconds:0.#} s. Its output so far:{Environment.NewLine}{output}");
    }

    /// <summary>Exit code 2 with the list of invalid settings is the same exception as in-process; anything else says what it printed.</summary>
    private static Exception Exited(int code, NativeOutput output, string executable)
    {
        var lines = output.Lines();
        var header = lines.ToList().FindIndex(l => l.StartsWith("Invalid emulator settings:", StringComparison.Ordinal));
        if (code == 2 && header >= 0)
        {
            var errors = lines.Skip(header + 1).TakeWhile(l => l.StartsWith("  - ", StringComparison.Ordinal)).Select(l => l[4..]).ToList();
            if (errors.Count > 0)
            {
                return new EmulatorConfigurationException(errors);
            }
        }

        return new InvalidOperationException($"The native emulator {executable} exited with code {code} before it was ready. Its output:{Environment.NewLine}{output}");
    }

    /// <summary>Closes its standard input (it stops as on Ctrl+C), waits a little, then kills it.</summary>
    public async Task StopAsync()
    {
        try
        {
            _process.StandardInput.Close();
            using var grace = new CancellationTokenSource(StopGrace);
            await _process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or InvalidOperationException)
        {
            Kill(_process);
        }
        finally
        {
            _process.Dispose();
        }
    }

    /// <summary>Its recent output, for messages.</summary>
    public string RecentOutput() => _output.ToString();

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(StopGrace);
        }
        catch (Exception ex) when (ex is InvalidOperationException or Win32Exception or NotSupportedException)
        {
            // Already gone.
        }
    }
}
