using System.Net;
using System.Net.Sockets;
using Emulator.Hosting;

namespace Emulator.Tests.Hardening;

/// <summary>The command line of the real emulator process: --help, --version, unknown options, stray arguments, a port in use.</summary>
public sealed class CommandLineTests
{
    [Fact]
    public async Task Help_PrintsEverySettingWithItsDefault_AndExitsZero()
    {
        var run = await EmulatorProcess.RunAsync("--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("--version", run.Output, StringComparison.Ordinal);
        Assert.Contains("--health-check", run.Output, StringComparison.Ordinal);
        foreach (var setting in Settings.All)
        {
            var names = setting.Shortcut is null ? $"--{setting.Key}" : $"{setting.Shortcut}, --{setting.Key}";
            var defaultValue = setting.Default.Length == 0 ? "none" : setting.Default.Replace("`", string.Empty, StringComparison.Ordinal);
            Assert.Contains($"  {names} <value>   (default: {defaultValue})", run.Output, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("is ready", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_PrintsTheVersion_AndExitsZero()
    {
        var run = await EmulatorProcess.RunAsync("--version");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(typeof(CommandLine).Assembly.GetName().Version!.ToString(3), run.Output.Trim());
    }

    [Theory]
    [InlineData("--prot", "Unknown option '--prot': did you mean --port?")]
    [InlineData("--https-prot", "Unknown option '--https-prot': did you mean --https-port?")]
    [InlineData("--Server:HtpPort", "Unknown setting '--Server:HtpPort': did you mean --Server:HttpPort?")]
    [InlineData("--Sever__HttpPort", "Unknown setting '--Sever__HttpPort': did you mean --Server:HttpPort?")]
    public async Task UnknownOption_IsAnError_NamingItAndTheClosestKnownOne(string option, string expected)
    {
        var run = await EmulatorProcess.RunAsync(option, "18082");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith(expected, run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.Trim().Split('\n'));
        Assert.DoesNotContain("is ready", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StrayArgument_IsAnError_NamingIt()
    {
        var run = await EmulatorProcess.RunAsync("--port", "0", "18082");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("Unexpected argument '18082'", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PortInUse_IsOneLine_ExitTwo_NoStackTrace()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var run = await EmulatorProcess.RunAsync("--listen", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--https-port", "-1", "--data-dir", "none");

        Assert.Equal(2, run.ExitCode);
        var lines = (run.Output + run.Error).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var line = Assert.Single(lines);
        Assert.Contains($"127.0.0.1:{port}", line, StringComparison.Ordinal);
        Assert.Contains("address already in use", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_KeepsConfigurationKeys_InEveryFormThatWorkedOrShould()
    {
        var result = CommandLine.Parse(["--Server:HttpPort", "0", "--Server__HttpsPort=-1", "Resource:Location=europe", "--PORT", "1",
            "--Authentication:Audiences:0", "api://x", "--Logging:LogLevel:Default", "Warning", "--environment=Development", "--contentRoot=/tmp"]);

        Assert.Null(result.Error);
        Assert.Equal(CommandLineCommand.Run, result.Command);
        Assert.Equal(
            ["--Server:HttpPort=0", "--Server:HttpsPort=-1", "--Resource:Location=europe", "--Server:HttpPort=1", "--Authentication:Audiences:0=api://x",
                "--Logging:LogLevel:Default=Warning", "--environment=Development", "--contentRoot=/tmp"],
            result.Arguments);
    }

    [Fact]
    public void Parse_QuietAndVerbose_AreFlagsForTheAccessLog_AndAMisspeltOneIsAnError()
    {
        Assert.Equal(["--Logging:AccessLog=Off", "--Server:HttpPort=0"], CommandLine.Parse(["--quiet", "--port", "0"]).Arguments);
        Assert.Equal(["--Logging:AccessLog=Verbose"], CommandLine.Parse(["--verbose"]).Arguments);
        Assert.Equal(["--Journal:Capacity=0"], CommandLine.Parse(["--Journal:Capacity", "0"]).Arguments);
        Assert.NotNull(CommandLine.Parse(["--quite"]).Error);
        Assert.NotNull(CommandLine.Parse(["--Journal:Capacty", "0"]).Error);
    }

    [Theory]
    [InlineData("--port")]
    [InlineData("-p", "1")]
    [InlineData("/tmp/data")]
    public void Parse_RejectsAMissingValueAShortSwitchAndAPath(params string[] args)
        => Assert.NotNull(CommandLine.Parse(args).Error);

    [Fact]
    public void Parse_HealthCheck_KeepsItsSettings()
    {
        var result = CommandLine.Parse(["--health-check", "--port", "9090"]);

        Assert.Equal(CommandLineCommand.HealthCheck, result.Command);
        Assert.Equal(["--Server:HttpPort=9090"], result.Arguments);
    }

    [Fact]
    public void ReadmeConfigurationTable_IsTheSettingsTable()
    {
        var readme = File.ReadAllLines(Path.Combine(RepositoryRoot(), "README.md"));
        var start = Array.IndexOf(readme, "| Setting | Shortcut | Default | Meaning |");
        Assert.True(start >= 0, "README.md has no Configuration table");
        var rows = readme.Skip(start + 2).TakeWhile(l => l.StartsWith('|')).Select(l =>
        {
            var cells = l.Trim('|').Split('|').Select(c => c.Trim()).ToArray();
            var shortcut = cells[1].Trim('`');
            return new Setting(cells[0].Trim('`'), shortcut.Length == 0 ? null : shortcut, cells[2], cells[3]);
        }).ToList();

        Assert.Equal(Settings.All, rows);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Emulator.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Emulator.sln not found above " + AppContext.BaseDirectory);
    }
}
