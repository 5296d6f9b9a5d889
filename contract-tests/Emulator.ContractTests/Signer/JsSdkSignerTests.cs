using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Emulator.TestSupport.Wire;
using Xunit;

namespace Emulator.ContractTests.Signer;

/// <summary>
/// This suite's HMAC signer against the real JS SDK's (<c>@azure/communication-common</c>'s
/// <c>createCommunicationAccessKeyCredentialPolicy</c>, from <c>contract-tests/js</c>; these tests run <c>npm ci</c> there
/// themselves when it has not been run):
/// both sign the same requests with the same key and date, and every header must be equal.
/// </summary>
public sealed class JsSdkSignerTests
{
    // Not a secret: a fixed test key.
    private const string AccessKey = "pZ2iZtLXRxHkP0xKp2dSWt0NPTZaQGhWtIyNUV7P3C5uu8iHgZA0KhU6gDWlz+7ThSb7gO2qO8M5w4Ji2GWmBQ==";
    private static readonly DateTimeOffset Date = new(2023, 1, 9, 17, 55, 58, TimeSpan.Zero);

    public static TheoryData<string, string, string?> Requests => new()
    {
        { "POST", "http://127.0.0.1:5599/identities?api-version=2023-10-01", null },
        { "POST", "http://localhost:8080/identities?api-version=2023-10-01", """{"createTokenWithScopes":["chat","voip"],"expiresInMinutes":60}""" },
        { "POST", "https://contoso.communication.azure.com/identities/8%3Aacs%3Acb58c3bb-a8ef-4e54-8c12-4a8e652eba58_00000008-57be-0e11-6a0b-343a0d00587c/:issueAccessToken?api-version=2023-10-01", """{"scopes":["chat.join.limited"]}""" },
        { "POST", "https://contoso.communication.azure.com:8443/identities/8%3Aacs%3Acb58c3bb-a8ef-4e54-8c12-4a8e652eba58_00000008-57be-0e11-6a0b-343a0d00587c/:revokeAccessTokens?api-version=2022-10-01", null },
        { "DELETE", "https://localhost:8443/identities/8%3Aacs%3Acb58c3bb-a8ef-4e54-8c12-4a8e652eba58_00000008-57be-0e11-6a0b-343a0d00587c?api-version=2021-03-07", null },
        { "POST", "https://contoso.communication.azure.com/teamsUser/:exchangeAccessToken?api-version=2023-10-01", """{"token":"a.b.c","appId":"2f8e6a1c-4c5d-4b6e-9f70-1a2b3c4d5e6f","userId":"0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0"}""" },
        { "GET", "http://127.0.0.1:41234/identities/8%3Aacs%3Acb58c3bb-a8ef-4e54-8c12-4a8e652eba58_00000008-57be-0e11-6a0b-343a0d00587c?api-version=2025-03-02-preview", null },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task Signer_ForTheSameRequest_ProducesTheJsSdkHeaders(string method, string url, string? body)
    {
        var js = (await SignWithJsSdkAsync([(method, url, body)]))[0];

        var signed = HmacSigner.Sign(AccessKey, new HttpMethod(method), new Uri(url), body is null ? [] : Encoding.UTF8.GetBytes(body), Date);

        Assert.Equal(js.GetProperty("x-ms-date").GetString(), signed.Date);
        Assert.Equal(js.GetProperty("x-ms-content-sha256").GetString(), signed.ContentHash);
        Assert.Equal(js.GetProperty("host").GetString(), signed.Host);
        Assert.Equal(js.GetProperty("authorization").GetString(), signed.Authorization);
    }

    [Fact]
    public void ContentHash_OfRecordedBody_IsTheRecordedHash()
    {
        // Reference §6.1: recorded body and hash.
        Assert.Equal("REMwEu5pKHaV2vOMxTHxwf5Zddyn0IQLwV4Ij5B3dxg=", HmacSigner.ContentHash(Encoding.UTF8.GetBytes("""{"scopes":["chat.join.limited"]}""")));
        Assert.Equal("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=", HmacSigner.ContentHash([]));
    }

    private static async Task<JsonElement[]> SignWithJsSdkAsync(IEnumerable<(string Method, string Url, string? Body)> requests)
    {
        var modules = Path.Combine(JsSuite, "node_modules");
        var installError = await JsSdkInstall.Value;
        Assert.True(installError is null, installError);

        var input = JsonSerializer.Serialize(new
        {
            accessKey = AccessKey,
            date = Date.ToString("O"),
            requests = requests.Select(r => new { method = r.Method, url = r.Url, body = r.Body }),
        });
        var script = Path.Combine(AppContext.BaseDirectory, "Signer", "sign-with-js-sdk.cjs");
        var start = new ProcessStartInfo("node") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(modules);

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            Assert.Fail($"Node.js is needed to compare with the JS SDK's signer and could not be started ({ex.Message}). Install Node.js 20+ and run `npm ci` in contract-tests/js.");
            throw;
        }

        using (process)
        {
            var ct = TestContext.Current.CancellationToken;
            await process.StandardInput.WriteAsync(input.AsMemory(), ct);
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEndAsync(ct);
            var error = process.StandardError.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            Assert.True(process.ExitCode == 0, $"node {script} failed ({process.ExitCode}): {await error}");
            return JsonSerializer.Deserialize<JsonElement[]>(await output)!;
        }
    }

    private static readonly string JsSuite = Path.Combine(RepositoryRoot(), "contract-tests", "js");

    /// <summary>
    /// The JS SDK from contract-tests/js: <c>npm ci</c> there, once per test run, when a fresh clone has not installed it
    /// yet. Null when installed, else why not (one message, naming the command).
    /// </summary>
    private static readonly Lazy<Task<string?>> JsSdkInstall = new(InstallJsSdkAsync);

    private static async Task<string?> InstallJsSdkAsync()
    {
        if (File.Exists(Path.Combine(JsSuite, "node_modules", "@azure", "communication-common", "package.json")))
        {
            return null;
        }

        var start = new ProcessStartInfo("npm") { WorkingDirectory = JsSuite, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])["ci", "--no-audit", "--no-fund", "--loglevel=error"])
        {
            start.ArgumentList.Add(argument);
        }

        var command = $"`npm ci` in {JsSuite}";
        try
        {
            using var npm = Process.Start(start)!;
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            var output = npm.StandardOutput.ReadToEndAsync(timeout.Token);
            var error = npm.StandardError.ReadToEndAsync(timeout.Token);
            await npm.WaitForExitAsync(timeout.Token);
            return npm.ExitCode == 0
                ? null
                : $"The JS SDK (@azure/communication-common) is not installed and {command} failed ({npm.ExitCode}): {await error}{await output}";
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or OperationCanceledException)
        {
            return $"The JS SDK (@azure/communication-common) is not installed and {command} could not run ({ex.Message}). Install Node.js 20+ and run it.";
        }
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

        throw new InvalidOperationException($"No Emulator.sln above {AppContext.BaseDirectory}: run the tests from the repository's build output.");
    }
}
