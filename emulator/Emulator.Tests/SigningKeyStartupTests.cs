using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Emulator.Hosting;
using Emulator.Identities;
using Emulator.Tokens;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace Emulator.Tests;

/// <summary>The signing key is generated off the way to ready; requests wait for it and never fail.</summary>
public sealed class SigningKeyStartupTests
{
    private static readonly string[] ChatScope = ["chat"];

    private static readonly SigningKeys Keys = MakeKeys();

    [Fact]
    public async Task Gate_HoldsAnApiRequest_UntilTheKeyExists()
    {
        using var release = new ManualResetEventSlim();
        var provider = new SigningKeyProvider(true, () => { release.Wait(TestContext.Current.CancellationToken); return Keys; }, NullLogger.Instance);
        var keyDoneWhenServed = false;
        var gate = new SigningKeyGate(_ => { keyDoneWhenServed = provider.Keys.IsCompletedSuccessfully; return Task.CompletedTask; }, provider);

        var request = gate.InvokeAsync(Context("/identities"));
        await Task.Delay(100, TestContext.Current.CancellationToken);
        Assert.False(request.IsCompleted);

        release.Set();
        await request;
        Assert.True(keyDoneWhenServed);
    }

    [Fact]
    public async Task Gate_LetsHealthThrough_WhileTheKeyIsGenerated()
    {
        using var release = new ManualResetEventSlim();
        var provider = new SigningKeyProvider(true, () => { release.Wait(TestContext.Current.CancellationToken); return Keys; }, NullLogger.Instance);
        var served = false;
        var gate = new SigningKeyGate(_ => { served = true; return Task.CompletedTask; }, provider);

        await gate.InvokeAsync(Context("/emulator/health/ready")).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.True(served);
        Assert.False(provider.Keys.IsCompleted);
        release.Set();
    }

    [Fact]
    public void Provider_LoadsAKeptKeySynchronously_SoABadFileStillFailsTheStart()
    {
        var provider = new SigningKeyProvider(false, () => throw new CryptographicException("damaged"), NullLogger.Instance);

        Assert.False(provider.Generates);
        Assert.Throws<CryptographicException>(() => provider.Start(new Lifetime(), _ => { }));
    }

    [Fact]
    public async Task Provider_FailedGeneration_StopsTheHost()
    {
        var provider = new SigningKeyProvider(true, () => throw new IOException("disk full"), NullLogger.Instance);
        var lifetime = new Lifetime();

        provider.Start(lifetime, _ => Assert.Fail("a failed generation has no keys to warm"));
        await Assert.ThrowsAsync<IOException>(() => provider.Keys);
        await lifetime.Stopped.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.True(provider.Failed);
    }

    [Fact]
    public async Task FirstStart_WithAnEmptyDataDirectory_ServesATokenRightAfterReady_AndKeepsTheKey()
    {
        var dir = Directory.CreateTempSubdirectory("acs-emulator-keys-").FullName;
        try
        {
            await using var app = EmulatorApp.Create(["--data-dir", dir, "--port", "0", "--https-port", "-1", "--listen", "127.0.0.1",
                "--access-key", EmulatorFactory.AccessKey, "--resource-id", EmulatorFactory.ResourceId]);
            Assert.True(app.Services.GetRequiredService<SigningKeyProvider>().Generates);
            await app.StartAsync(TestContext.Current.CancellationToken);
            var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(TimeProvider.System.GetUtcNow());
            using var client = new HttpClient(new HmacSigningHandler(EmulatorFactory.AccessKey, time, HmacSigner.DateHeader) { InnerHandler = new HttpClientHandler() })
            {
                BaseAddress = new Uri(app.Urls.First()),
            };

            // A request while the key is still being generated waits for it rather than failing.
            var early = client.PostAsJsonAsync("/identities?api-version=2023-10-01", new { createTokenWithScopes = ChatScope }, TestContext.Current.CancellationToken);
            var readyAt = await PollReadyAsync(client);
            var keptWhenReady = File.Exists(Path.Combine(dir, "signing-key.pfx"));
            using var created = await early;

            Assert.True(readyAt < TimeSpan.FromSeconds(30), "the emulator did not become ready");
            Assert.True(keptWhenReady, "ready was reported before the generated key was written to the data directory");
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var token = (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(TestContext.Current.CancellationToken)).GetProperty("accessToken").GetProperty("token").GetString()!;
            Assert.True(app.Services.GetRequiredService<TokenValidator>().Validate(token).Valid);
            Assert.True(File.Exists(Path.Combine(dir, "signing-key.pfx")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Provider_WithoutADataDirectory_ReportsReadyAtOnce_WhileTheKeyIsGenerated()
    {
        using var release = new ManualResetEventSlim();
        var provider = new SigningKeyProvider(true, () => { release.Wait(TestContext.Current.CancellationToken); return Keys; }, NullLogger.Instance);
        var ready = false;

        provider.WhenReady(() => ready = true);

        Assert.True(ready);
        Assert.False(provider.Keys.IsCompleted);
        release.Set();
    }

    private static async Task<TimeSpan> PollReadyAsync(HttpClient client)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(30))
        {
            using var response = await client.GetAsync(new Uri("/emulator/health/ready", UriKind.Relative), TestContext.Current.CancellationToken);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return watch.Elapsed;
            }

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        return watch.Elapsed;
    }

    private static DefaultHttpContext Context(string path) => new() { Request = { Path = path } };

    private static SigningKeys MakeKeys()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var created = request.CreateSelfSigned(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddYears(100));
        return new SigningKeys(X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.Exportable));
    }

    private sealed class Lifetime : IHostApplicationLifetime
    {
        public TaskCompletionSource Stopped { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => CancellationToken.None;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication() => Stopped.TrySetResult();
    }
}
