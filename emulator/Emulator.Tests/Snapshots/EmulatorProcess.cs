using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Emulator.Tests.Snapshots;

/// <summary>The emulator as a real process (<c>dotnet Emulator.dll</c> from this test's output) on a free loopback port.</summary>
internal sealed class EmulatorProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly System.Text.StringBuilder _output;

    private EmulatorProcess(Process process, int port, System.Text.StringBuilder output)
    {
        _process = process;
        _output = output;
        Port = port;
        Admin = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        Signed = new HttpClient(new HmacSigningHandler(EmulatorFactory.AccessKey, TimeProvider.System, HmacSigner.DateHeader) { InnerHandler = new HttpClientHandler() })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}"),
        };
    }

    public int Port { get; }

    public HttpClient Admin { get; }

    public HttpClient Signed { get; }

    public Process Process => _process;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static Process Launch(string dataDirectory, int port, IEnumerable<string> extra, System.Text.StringBuilder output)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Emulator.dll"));
        foreach (var arg in new[] { "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--https-port", "-1", "--listen", "127.0.0.1", "--data-dir", dataDirectory, "--access-key", EmulatorFactory.AccessKey, "--resource-id", EmulatorFactory.ResourceId }.Concat(extra))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    public static async Task<EmulatorProcess> StartAsync(string dataDirectory, params string[] extra)
    {
        var port = FreePort();
        var output = new System.Text.StringBuilder();
        var process = Launch(dataDirectory, port, extra, output);
        var started = new EmulatorProcess(process, port, output);
        var deadline = DateTime.UtcNow.AddSeconds(60); // test-side wait only; the emulator itself never reads the wall clock
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The emulator exited with {process.ExitCode}: {started.Output}");
            }

            try
            {
                using var ready = await started.Admin.GetAsync("/emulator/health/ready");
                if (ready.StatusCode == HttpStatusCode.OK)
                {
                    return started;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        await started.DisposeAsync();
        throw new TimeoutException("The emulator did not become ready within 60 s.");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Sends SIGTERM (a clean shutdown, as <c>docker stop</c> does) and waits for the exit code.</summary>
    public async Task<int> TerminateAsync()
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    /// <summary>kill -9: no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        Admin.Dispose();
        Signed.Dispose();
        _process.Dispose();
    }

    private static void Append(System.Text.StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
