using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Emulator.TestSupport.Wire;
using Emulator.Testing;
using Xunit;

namespace Emulator.ContractTests.Fixture;

/// <summary>The fixture's per-user signing key cache (<see cref="AcsIdentityEmulatorOptions.SigningKeyCacheDirectory"/>).</summary>
public sealed class SigningKeyCacheTests : IDisposable
{
    private const UnixFileMode UserOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode UserOnlyFolder = UserOnlyFile | UnixFileMode.UserExecute;
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("acs-key-cache-test-");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Cache => Path.Combine(_root.FullName, "cache");

    private string KeyFile => Path.Combine(Cache, "signing-key.pfx");

    public void Dispose() => _root.Delete(recursive: true);

    [Fact]
    public async Task StartAsync_WithAnEmptyCache_SavesTheKeyItSignsWith_ForTheUserAlone()
    {
        await using var emulator = await AcsIdentityEmulator.StartAsync(Options(Cache), Ct);
        var kid = await TokenKeyIdAsync(emulator);

        await WaitForAsync(() => File.Exists(KeyFile));
        Assert.Equal(kid, Thumbprint(KeyFile));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UserOnlyFolder, File.GetUnixFileMode(Cache));
            Assert.Equal(UserOnlyFile, File.GetUnixFileMode(KeyFile));
        }
    }

    [Theory]
    [InlineData(AcsIdentityEmulatorMode.InProcess)]
    [InlineData(AcsIdentityEmulatorMode.NativeProcess)]
    public async Task StartAsync_WithACachedKey_SignsWithIt(AcsIdentityEmulatorMode mode)
    {
        var cached = WriteKey(UserOnlyFile);

        await using var emulator = await AcsIdentityEmulator.StartAsync(Options(Cache, mode), Ct);

        Assert.Equal(cached, await TokenKeyIdAsync(emulator));
    }

    [Fact]
    public async Task StartAsync_WithTheCacheOff_IgnoresACachedKey()
    {
        var cached = WriteKey(UserOnlyFile);

        await using var emulator = await AcsIdentityEmulator.StartAsync(Options(null), Ct);

        Assert.NotEqual(cached, await TokenKeyIdAsync(emulator));
    }

    [Fact]
    public async Task StartAsync_WithAKeyPinnedInSettings_IgnoresTheCache()
    {
        var cached = WriteKey(UserOnlyFile);
        var pinned = Path.Combine(_root.FullName, "pinned.pfx");
        File.WriteAllBytes(pinned, NewCertificate().Export(X509ContentType.Pkcs12));
        var options = Options(Cache);
        options.Settings["Tokens:SigningKeyPath"] = pinned;

        await using var emulator = await AcsIdentityEmulator.StartAsync(options, Ct);

        Assert.Equal(Thumbprint(pinned), await TokenKeyIdAsync(emulator));
        Assert.Equal(cached, Thumbprint(KeyFile));
    }

    [Fact]
    public async Task StartAsync_WithACachedKeyOthersCanRead_DoesNotUseIt_AndReplacesIt()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Skip("Unix file modes only.");
            return;
        }

        var exposed = WriteKey(UserOnlyFile | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        await using var emulator = await AcsIdentityEmulator.StartAsync(Options(Cache), Ct);
        var kid = await TokenKeyIdAsync(emulator);

        Assert.NotEqual(exposed, kid);
        await WaitForAsync(() => Thumbprint(KeyFile) == kid);
        Assert.Equal(UserOnlyFile, File.GetUnixFileMode(KeyFile));
    }

    [Theory]
    [InlineData(AcsIdentityEmulatorMode.InProcess)]
    [InlineData(AcsIdentityEmulatorMode.NativeProcess)] // the child starts with the file while it is checked, fails, and is started again with a new key
    public async Task StartAsync_WithADamagedCachedKey_StartsAndReplacesIt(AcsIdentityEmulatorMode mode)
    {
        Directory.CreateDirectory(Cache);
        File.WriteAllBytes(KeyFile, "not a PKCS#12 file"u8.ToArray());
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Cache, UserOnlyFolder);
            File.SetUnixFileMode(KeyFile, UserOnlyFile);
        }

        await using var emulator = await AcsIdentityEmulator.StartAsync(Options(Cache, mode), Ct);
        var kid = await TokenKeyIdAsync(emulator);

        await WaitForAsync(() => Thumbprint(KeyFile) == kid);
    }

    private static AcsIdentityEmulatorOptions Options(string? cache, AcsIdentityEmulatorMode mode = AcsIdentityEmulatorMode.InProcess)
    {
        var options = mode == AcsIdentityEmulatorMode.NativeProcess ? NativeBinary.Options() : new AcsIdentityEmulatorOptions();
        options.EnableHttps = false;
        options.SigningKeyCacheDirectory = cache;
        return options;
    }

    /// <summary>Writes a new key into the cache folder (0700) with <paramref name="mode"/>; returns its thumbprint.</summary>
    private string WriteKey(UnixFileMode mode)
    {
        Directory.CreateDirectory(Cache);
        File.WriteAllBytes(KeyFile, NewCertificate().Export(X509ContentType.Pkcs12));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Cache, UserOnlyFolder);
            File.SetUnixFileMode(KeyFile, mode);
        }

        return Thumbprint(KeyFile)!;
    }

    private static X509Certificate2 NewCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=signing key cache test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var now = TimeProvider.System.GetUtcNow();
        return request.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));
    }

    private static string? Thumbprint(string path)
    {
        try
        {
            using var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, null);
            return certificate.Thumbprint.ToUpperInvariant();
        }
        catch (Exception ex) when (ex is CryptographicException or IOException)
        {
            return null; // not written yet, or still the damaged file
        }
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(50, Ct);
        }

        Assert.True(condition(), "the key cache was not written within 10 s");
    }

    /// <summary>The <c>kid</c> in the header of a token the emulator issues over HTTP.</summary>
    private static async Task<string> TokenKeyIdAsync(AcsIdentityEmulator emulator)
    {
        using var http = new HttpClient(new HmacSigningHandler(emulator.AccessKey, TimeProvider.System) { InnerHandler = new HttpClientHandler() }) { BaseAddress = emulator.Endpoint };
        var response = await new AcsWireClient(http).SendAsync(HttpMethod.Post, "/identities", ApiVersion.V2023_10_01, """{"createTokenWithScopes":["chat"]}""", cancellationToken: Ct);
        var token = AcsAssert.Json(response, HttpStatusCode.Created).GetProperty("accessToken").GetProperty("token").GetString()!;
        using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(token.Split('.')[0]));
        return header.RootElement.GetProperty("kid").GetString()!;
    }
}
