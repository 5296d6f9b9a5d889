using System.Diagnostics;
using Emulator.Testing;
using Emulator.TestSupport.Wire;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using static Emulator.ContractTests.Fixture.FixtureClient;

namespace Emulator.ContractTests.Fixture;

/// <summary>
/// What only the native mode has: the reused process (and that nothing leaks between emulators), the binary lookup,
/// the refused in-process options, the child's failures surfaced with its output, and that the child never outlives
/// its parent.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class NativeProcessEmulatorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Options no other test uses, so that the process-wide pool hands this test its own process.</summary>
    private static AcsIdentityEmulatorOptions Unique()
    {
        var options = NativeBinary.Options();
        options.ResourceId = Guid.NewGuid().ToString();
        return options;
    }

    [Fact]
    public async Task DisposeThenStart_ReusesTheProcess_WithNothingLeftOfTheFirstEmulator()
    {
        var options = Unique();
        var first = await AcsIdentityEmulator.StartAsync(options, Ct);
        var pid = first.NativeProcessId;
        var kept = await CreateIdentityAsync(first);
        var revoked = await CreateIdentityAsync(first);
        var revokedToken = await IssueTokenAsync(first, revoked);
        await RevokeAsync(first, revoked);
        first.AdvanceClock(TimeSpan.FromHours(2));
        using (var admin = new HttpClient())
        {
            using var fault = await admin.PostAsync(new Uri(first.Endpoint, "/emulator/faults"), new StringContent("""{"match":{"method":"POST","path":"/identities"},"respond":{"status":503}}""", System.Text.Encoding.UTF8, "application/json"), Ct);
            Assert.True(fault.IsSuccessStatusCode, $"adding a fault rule: {(int)fault.StatusCode}");
        }

        await first.DisposeAsync();
        await using var second = await AcsIdentityEmulator.StartAsync(options, Ct);

        Assert.Equal(pid, second.NativeProcessId);
        Assert.Equal(TimeSpan.Zero, second.ClockOffset);
        AcsAssert.Error(await IssueAsync(second, kept), ExpectedError.IdentityNotFound);
        Assert.Equal(TokenRejection.UnknownIdentity, second.ValidateToken(revokedToken).Reason);
        var fresh = await CreateIdentityAsync(second); // the fault rule went with the first emulator
        Assert.True(second.ValidateToken(await IssueTokenAsync(second, fresh)).Valid);
        using var http = new HttpClient();
        var journal = await http.GetStringAsync(new Uri(second.Endpoint, "/emulator/requests"), Ct);
        Assert.DoesNotContain(revoked[(revoked.IndexOf('_', StringComparison.Ordinal) + 1)..], journal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SideBySide_EachEmulatorHasItsOwnProcessPortsAndKey()
    {
        var options = Unique();
        await using var first = await AcsIdentityEmulator.StartAsync(options, Ct);
        await using var second = await AcsIdentityEmulator.StartAsync(options, Ct);

        Assert.NotEqual(first.NativeProcessId, second.NativeProcessId);
        Assert.NotEqual(first.Endpoint, second.Endpoint);
        Assert.NotEqual(first.AccessKey, second.AccessKey);
        var id = await CreateIdentityAsync(first);
        AcsAssert.Error(await IssueAsync(second, id), ExpectedError.IdentityNotFound);
    }

    [Fact]
    public async Task ReuseOff_DisposeStopsTheProcessAndFreesItsPort()
    {
        var options = Unique();
        options.ReuseNativeProcess = false;
        options.EnableHttps = false;
        var emulator = await AcsIdentityEmulator.StartAsync(options, Ct);
        using var process = Process.GetProcessById(emulator.NativeProcessId!.Value);
        var endpoint = emulator.Endpoint;

        await emulator.DisposeAsync();

        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(10)));
        using var http = new HttpClient();
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(new Uri(endpoint, "/emulator/health/live"), Ct));
    }

    [Fact]
    public async Task EndpointHostThatDoesNotResolve_StillLeavesTheClockAndResetWorking()
    {
        var options = Unique();
        options.Settings["Resource:EndpointHost"] = "acs-emulator.invalid";
        options.Settings["Server:ListenAddress"] = "127.0.0.1";
        await using var emulator = await AcsIdentityEmulator.StartAsync(options, Ct);

        emulator.AdvanceClock(TimeSpan.FromMinutes(5));
        Assert.Equal(TimeSpan.FromMinutes(5), emulator.ClockOffset);
        emulator.Reset();

        Assert.Equal(TimeSpan.Zero, emulator.ClockOffset);
        Assert.StartsWith("endpoint=http://acs-emulator.invalid:", emulator.ConnectionString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Services_InNativeMode_ThrowsNamingTheMode()
    {
        await using var emulator = await AcsIdentityEmulator.StartAsync(NativeBinary.Options(), Ct);

        var ex = Assert.Throws<InvalidOperationException>(() => emulator.Services);

        Assert.Contains("NativeProcess", ex.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string> InProcessOnlyOptions => ["TimeProvider", "Logging", "ConfigureBuilder"];

    [Theory]
    [MemberData(nameof(InProcessOnlyOptions))]
    public async Task InProcessOnlyOption_InNativeMode_IsRefusedNamingIt(string option)
    {
        var options = NativeBinary.Options();
        switch (option)
        {
            case "TimeProvider": options.TimeProvider = new FakeTimeProvider(); break;
            case "Logging": options.Logging = _ => { }; break;
            default: options.ConfigureBuilder = _ => { }; break;
        }

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => AcsIdentityEmulator.StartAsync(options, Ct));

        Assert.Contains(option, ex.Message, StringComparison.Ordinal);
        Assert.Contains("InProcess", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingBinary_SaysTheThreeWaysToGiveIt()
    {
        var options = new AcsIdentityEmulatorOptions { Mode = AcsIdentityEmulatorMode.NativeProcess, ExecutablePath = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString(), "Emulator") };

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => AcsIdentityEmulator.StartAsync(options, Ct));

        Assert.Contains(options.ExecutablePath, ex.Message, StringComparison.Ordinal);
        Assert.Contains("ExecutablePath", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ACS_IDENTITY_EMULATOR_EXECUTABLE", ex.Message, StringComparison.Ordinal);
        Assert.Contains("runtimes/linux-x64/native/Emulator", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChildExitingBeforeReady_IsAnExceptionWithItsOutput_AndAMissingExecuteBitIsSet()
    {
        using var script = new ScriptFile("#!/bin/sh\necho \"starting with $1\"\necho 'cannot go on' >&2\nexit 3\n", executable: false);
        var options = new AcsIdentityEmulatorOptions { Mode = AcsIdentityEmulatorMode.NativeProcess, ExecutablePath = script.Path, SigningKeyCacheDirectory = null };

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => AcsIdentityEmulator.StartAsync(options, Ct));

        Assert.Contains("exited with code 3", ex.Message, StringComparison.Ordinal);
        Assert.Contains("cannot go on", ex.Message, StringComparison.Ordinal);
        Assert.Contains("starting with --", ex.Message, StringComparison.Ordinal);
        Assert.True((File.GetUnixFileMode(script.Path) & UnixFileMode.UserExecute) != 0);
    }

    [Fact]
    public async Task SilentChild_TimesOutWithItsOutput_AndIsKilled()
    {
        using var script = new ScriptFile("#!/bin/sh\necho \"pid $$\"\necho 'accesskey=secret;' \nexec sleep 60\n", executable: true);
        var options = new AcsIdentityEmulatorOptions { Mode = AcsIdentityEmulatorMode.NativeProcess, ExecutablePath = script.Path, SigningKeyCacheDirectory = null, NativeStartTimeout = TimeSpan.FromSeconds(1) };

        var ex = await Assert.ThrowsAsync<TimeoutException>(() => AcsIdentityEmulator.StartAsync(options, Ct));

        Assert.Contains("within 1 s", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", ex.Message, StringComparison.Ordinal);
        var pid = int.Parse(ex.Message.Split("pid ")[1].Split(Environment.NewLine)[0].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Throws<ArgumentException>(() => Process.GetProcessById(pid)); // killed, and reaped
    }

    [Fact]
    public async Task ClosingStandardInput_StopsTheEmulator()
    {
        var info = EmulatorStartInfo(NativeBinary.Path());
        using var emulator = Process.Start(info)!;
        try
        {
            await WaitForLineAsync(emulator.StandardOutput, "Dashboard:");

            emulator.StandardInput.Close();

            Assert.True(emulator.WaitForExit(TimeSpan.FromSeconds(10)), "the emulator kept running after its standard input closed");
            Assert.Equal(0, emulator.ExitCode);
        }
        finally
        {
            Kill(emulator);
        }
    }

    [Fact]
    public async Task KillingTheParent_EndsTheEmulator()
    {
        // The parent (bash, then sleep by exec) holds the write end of the emulator's stdin pipe, as the fixture does.
        var emulatorInfo = EmulatorStartInfo(NativeBinary.Path());
        var parentInfo = new ProcessStartInfo("bash") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "-c", "exec 3> >(exec \"$0\" \"$@\"); echo \"child $!\"; exec sleep 600", emulatorInfo.FileName }.Concat(emulatorInfo.ArgumentList))
        {
            parentInfo.ArgumentList.Add(argument);
        }

        using var parent = Process.Start(parentInfo)!;
        var child = int.Parse((await parent.StandardOutput.ReadLineAsync(Ct))!["child ".Length..], System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            await WaitForLineAsync(parent.StandardOutput, "Dashboard:");

            parent.Kill();

            // The output pipe ends when its last writer, the emulator, has exited.
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            await parent.StandardOutput.ReadToEndAsync(timeout.Token);
            await parent.WaitForExitAsync(Ct);
            Assert.False(IsRunning(child), $"the emulator (pid {child}) outlived its parent");
        }
        finally
        {
            Kill(parent);
            try
            {
                using var leftover = Process.GetProcessById(child);
                leftover.Kill();
            }
            catch (ArgumentException)
            {
                // Gone, as it should be.
            }
        }
    }

    /// <summary>Whether the process exists and is not a zombie (an orphan's exit may wait for a reaper that never comes).</summary>
    private static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)] is not ('Z' or 'X');
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }
    }

    private static ProcessStartInfo EmulatorStartInfo(string executable)
    {
        var info = new ProcessStartInfo(executable) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "--port", "0", "--https-port", "-1", "--data-dir", "none", "--quiet", "--Server:ExitWhenStdinCloses=true" })
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }

    private static async Task WaitForLineAsync(StreamReader output, string prefix)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (await output.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith(prefix, StringComparison.Ordinal))
            {
                return;
            }
        }

        Assert.Fail($"The output ended before a line starting with '{prefix}'.");
    }

    private static void Kill(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }
    }

    /// <summary>A shell script in a temporary folder standing in for the binary.</summary>
    private sealed class ScriptFile : IDisposable
    {
        private readonly string _directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "acs-native-" + Guid.NewGuid().ToString("N"));

        public ScriptFile(string text, bool executable)
        {
            Directory.CreateDirectory(_directory);
            Path = System.IO.Path.Combine(_directory, "Emulator");
            File.WriteAllText(Path, text);
            File.SetUnixFileMode(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | (executable ? UnixFileMode.UserExecute : 0));
        }

        public string Path { get; }

        public void Dispose() => Directory.Delete(_directory, recursive: true);
    }
}
