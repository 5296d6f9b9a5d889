using System.Diagnostics;

namespace Emulator.Tests.Hardening;

/// <summary>Runs the real built emulator (<c>dotnet Emulator.dll …</c>) to its exit and captures what it printed.</summary>
internal static class EmulatorProcess
{
    public sealed record Outcome(int ExitCode, string Output, string Error);

    /// <summary>The Emulator.dll built beside the tests (the project reference copies it with its runtimeconfig).</summary>
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "Emulator.dll");

    public static async Task<Outcome> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet Emulator.dll {string.Join(' ', args)} did not exit within 60 s: {await output}");
        }

        return new Outcome(process.ExitCode, await output, await error);
    }
}
