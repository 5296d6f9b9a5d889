using System.Net;
using System.Text.Json;

namespace Emulator.Tests.Snapshots;

/// <summary>Persistence and snapshot files with the emulator as a real process: kill -9, SIGTERM, restart.</summary>
public sealed class PersistenceProcessTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("acs-persist-test-");

    private string DataDirectory => Path.Combine(_directory.FullName, "data");

    public void Dispose() => _directory.Delete(recursive: true);

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        for (var i = 0; i < 100; i++)
        {
            if (condition())
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"timed out waiting until {what}");
    }

    [Fact]
    public async Task PersistState_SurvivesKill9_UpToTheLastFlush_AndTheFileAlwaysParses()
    {
        var stateFile = Path.Combine(DataDirectory, "state.json");
        string id;
        string token;
        await using (var first = await EmulatorProcess.StartAsync(DataDirectory, "--Server:PersistState", "true", "--Server:PersistIntervalMilliseconds", "100"))
        {
            id = await first.Signed.CreateIdentityAsync();
            token = await first.Signed.IssueTokenAsync(id);
            await WaitUntilAsync(() => File.Exists(stateFile) && File.ReadAllText(stateFile).Contains(id, StringComparison.Ordinal), "the identity is flushed");

            // Writes keep going while the process is killed: the file must still be whole afterwards.
            var load = Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
            {
                for (var i = 0; i < 200; i++)
                {
                    try
                    {
                        await first.Signed.CreateIdentityAsync();
                    }
                    catch (HttpRequestException)
                    {
                        return; // killed
                    }
                }
            }));
            await Task.Delay(400);
            await first.KillAsync();
            await Task.WhenAny(load, Task.Delay(5000));
        }

        using (var parsed = JsonDocument.Parse(await File.ReadAllTextAsync(stateFile)))
        {
            Assert.Equal("acs-identity-emulator-snapshot", parsed.RootElement.GetProperty("format").GetString());
        }

        await using var second = await EmulatorProcess.StartAsync(DataDirectory, "--Server:PersistState", "true");
        using var identity = await second.Admin.GetAsync($"/emulator/identities/{Uri.EscapeDataString(id)}");
        Assert.Equal(HttpStatusCode.OK, identity.StatusCode);
        Assert.True((await second.Signed.ValidateAsync(token)).GetProperty("valid").GetBoolean(), "a token issued before the kill still validates");
        var fresh = await second.Signed.IssueTokenAsync(id);
        Assert.True((await second.Signed.ValidateAsync(fresh)).GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task PersistState_ACleanStop_WritesTheLastChanges_BeforeTheIntervalIsUp()
    {
        string id;
        await using (var first = await EmulatorProcess.StartAsync(DataDirectory, "--Server:PersistState", "true", "--Server:PersistIntervalMilliseconds", "3600000"))
        {
            id = await first.Signed.CreateIdentityAsync();
            Assert.False(File.Exists(Path.Combine(DataDirectory, "state.json")), "nothing is written before the interval or the stop");
            Assert.Equal(0, await first.TerminateAsync());
        }

        await using var second = await EmulatorProcess.StartAsync(DataDirectory, "--Server:PersistState", "true");
        using var identity = await second.Admin.GetAsync($"/emulator/identities/{Uri.EscapeDataString(id)}");
        Assert.Equal(HttpStatusCode.OK, identity.StatusCode);
    }

    [Fact]
    public async Task WithoutPersistState_ARestartForgetsTheIdentities()
    {
        string id;
        await using (var first = await EmulatorProcess.StartAsync(DataDirectory))
        {
            id = await first.Signed.CreateIdentityAsync();
            Assert.Equal(0, await first.TerminateAsync());
        }

        Assert.False(File.Exists(Path.Combine(DataDirectory, "state.json")));
        await using var second = await EmulatorProcess.StartAsync(DataDirectory);
        using var identity = await second.Admin.GetAsync($"/emulator/identities/{Uri.EscapeDataString(id)}");
        Assert.Equal(HttpStatusCode.NotFound, identity.StatusCode);
    }

    [Fact]
    public async Task ExportOnExit_OnSigterm_WritesTheSnapshot_WhichImportRestores()
    {
        var export = Path.Combine(_directory.FullName, "export.json");
        string id;
        string token;
        await using (var first = await EmulatorProcess.StartAsync(DataDirectory, "--export-on-exit", export))
        {
            id = await first.Signed.CreateIdentityAsync();
            token = await first.Signed.IssueTokenAsync(id);
            Assert.Equal(0, await first.TerminateAsync());
        }

        await using var second = await EmulatorProcess.StartAsync(DataDirectory, "--import", export);
        using var identity = await second.Admin.GetAsync($"/emulator/identities/{Uri.EscapeDataString(id)}");
        Assert.Equal(HttpStatusCode.OK, identity.StatusCode);
        Assert.True((await second.Signed.ValidateAsync(token)).GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task Import_OfASnapshotOfAnotherResource_ExitsWith2_NamingTheProblem()
    {
        var file = Path.Combine(_directory.FullName, "other.json");
        await File.WriteAllTextAsync(file, """{"format":"acs-identity-emulator-snapshot","version":1,"resourceId":"00000000-0000-0000-0000-000000000000","exportedAt":"2026-01-01T00:00:00Z","clockOffsetSeconds":0,"sequence":0}""");
        var output = new System.Text.StringBuilder();
        using var process = EmulatorProcess.Launch(DataDirectory, EmulatorProcess.FreePort(), ["--import", file], output);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        Assert.Equal(2, process.ExitCode);
        lock (output)
        {
            Assert.Contains("of resource '00000000-0000-0000-0000-000000000000'", output.ToString(), StringComparison.Ordinal);
        }
    }
}
