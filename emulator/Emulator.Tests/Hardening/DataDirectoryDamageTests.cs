using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Emulator.Tests.Hardening;

/// <summary>
/// The data directory never loses data silently: each damaged file makes the real process exit 2 naming the file,
/// without a stack trace and without touching it; only absent files are generated. (Tests run as root, so an
/// unreadable file cannot be made with chmod: a symbolic link to itself stands for it — reading it fails with an I/O
/// error, the path an unreadable file takes — and a directory where a file is expected is tested too.)
/// </summary>
public sealed class DataDirectoryDamageTests : IDisposable
{
    private const string ResourceId = "2b236b8e-e9b7-4be0-8757-b43061a56d37";
    private static readonly string AccessKey = Convert.ToBase64String(new byte[64]);
    private static readonly string ValidSettings = $"{{\"resourceId\":\"{ResourceId}\",\"accessKey\":\"{AccessKey}\"}}";
    private static readonly Lazy<byte[]> ValidSigningKey = new(() => Pkcs12(RSA.Create(2048)));
    private static readonly Lazy<byte[]> ValidHttpsCertificate = new(() => Pkcs12(ECDsa.Create(ECCurve.NamedCurves.nistP256)));

    private readonly string _root = Directory.CreateTempSubdirectory("acs-datadir-").FullName;

    private string Data => Path.Combine(_root, "data");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    public static TheoryData<string, string> DamagedSettings => new()
    {
        { "empty", string.Empty },
        { "whitespace", "  \n" },
        { "truncated", ValidSettings[..25] },
        { "array", "[]" },
        { "null", "null" },
        { "garbage", "\u0001\u0002garbage" },
        { "no accessKey", $"{{\"resourceId\":\"{ResourceId}\"}}" },
        { "no resourceId", $"{{\"accessKey\":\"{AccessKey}\"}}" },
        { "non-base64 key", $"{{\"resourceId\":\"{ResourceId}\",\"accessKey\":\"not base64!\"}}" },
        { "non-GUID id", $"{{\"resourceId\":\"resource-1\",\"accessKey\":\"{AccessKey}\"}}" },
        { "wrong JSON types", "{\"resourceId\":42,\"accessKey\":true}" },
    };

    [Theory]
    [MemberData(nameof(DamagedSettings))]
    public async Task DamagedSettingsFile_ExitsTwo_NamingIt_AndLeavesItUntouched(string damage, string content)
    {
        _ = damage;
        WriteFile("settings.json", Encoding.UTF8.GetBytes(content));
        WriteFile("signing-key.pfx", ValidSigningKey.Value);
        WriteFile("https.pfx", ValidHttpsCertificate.Value);

        await AssertRefusedAsync(Path.Combine(Data, "settings.json"), ["--https-port", "0"]);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    public async Task SettingsFileIsADirectory_ExitsTwo_NamingIt(string httpsPort)
    {
        Directory.CreateDirectory(Path.Combine(Data, "settings.json"));

        await AssertRefusedAsync(Path.Combine(Data, "settings.json"), ["--https-port", httpsPort]);
    }

    [Theory]
    [InlineData("settings.json")]
    [InlineData("signing-key.pfx")]
    [InlineData("https.pfx")]
    public async Task UnreadableFile_ExitsTwo_NamingIt_AndLeavesItUntouched(string name)
    {
        WriteFile("settings.json", Encoding.UTF8.GetBytes(ValidSettings));
        WriteFile("signing-key.pfx", ValidSigningKey.Value);
        WriteFile("https.pfx", ValidHttpsCertificate.Value);
        var file = Path.Combine(Data, name);
        File.Delete(file);
        File.CreateSymbolicLink(file, file);

        await AssertRefusedAsync(file, ["--https-port", "0"]);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("truncated")]
    [InlineData("empty")]
    [InlineData("directory")]
    public async Task DamagedSigningKey_ExitsTwo_NamingIt_AndLeavesItUntouched(string damage)
    {
        WriteFile("settings.json", Encoding.UTF8.GetBytes(ValidSettings));
        Damage("signing-key.pfx", ValidSigningKey.Value, damage);

        await AssertRefusedAsync(Path.Combine(Data, "signing-key.pfx"), ["--https-port", "-1"]);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("truncated")]
    [InlineData("directory")]
    public async Task DamagedHttpsCertificate_ExitsTwo_NamingIt_AndLeavesItUntouched(string damage)
    {
        WriteFile("settings.json", Encoding.UTF8.GetBytes(ValidSettings));
        WriteFile("signing-key.pfx", ValidSigningKey.Value);
        Damage("https.pfx", ValidHttpsCertificate.Value, damage);

        await AssertRefusedAsync(Path.Combine(Data, "https.pfx"), ["--https-port", "0"]);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    public async Task DataDirectoryIsAFile_ExitsTwo_NamingIt(string httpsPort)
    {
        File.WriteAllText(Data, "not a directory");

        await AssertRefusedAsync(Data, ["--https-port", httpsPort]);
    }

    [Fact]
    public async Task SeveralDamagedFiles_AreReportedTogether()
    {
        WriteFile("settings.json", "[]"u8.ToArray());
        WriteFile("signing-key.pfx", "garbage"u8.ToArray());

        var outcome = await DataDirectoryProcess.RunAsync(["--data-dir", Data, "--https-port", "-1"]);

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains(Path.Combine(Data, "settings.json"), outcome.StandardError, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(Data, "signing-key.pfx"), outcome.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfiguredValuesThatCannotWork_FromTheEnvironmentAndFlags_ExitTwo_ReportedTogether()
    {
        var outcome = await DataDirectoryProcess.RunAsync(
            ["--data-dir", "none", "--https-port", "-1", "--location", "mars"],
            new Dictionary<string, string> { ["Resource__AccessKey"] = "not base64!", ["Resource__Id"] = "resource-1" });

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("Resource:Location 'mars'", outcome.StandardError, StringComparison.Ordinal);
        Assert.Contains("Resource:AccessKey is invalid", outcome.StandardError, StringComparison.Ordinal);
        Assert.Contains("Resource:Id 'resource-1' is invalid", outcome.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("not base64!", outcome.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AbsentFiles_AreGenerated_AndKeptByTheNextStart()
    {
        var first = await DataDirectoryProcess.RunAsync(["--data-dir", Data, "--https-port", "0"]);
        Assert.True(first.BecameReady, first.StandardError);
        var generated = DataDirectoryProcess.Snapshot(Data);
        Assert.Equal(["https.pem", "https.pfx", "settings.json", "signing-key.pfx"], generated.Keys.Select(Path.GetFileName).Order(StringComparer.Ordinal));

        var second = await DataDirectoryProcess.RunAsync(["--data-dir", Data, "--https-port", "0"]);

        Assert.True(second.BecameReady, second.StandardError);
        AssertUnchanged(generated);
        Assert.Equal(generated.Count, Directory.GetFileSystemEntries(Data).Length);
    }

    [Fact]
    public async Task AbsentSigningKey_IsGenerated_AndTheSettingsFileStaysAsItWas()
    {
        WriteFile("settings.json", Encoding.UTF8.GetBytes(ValidSettings));
        var before = DataDirectoryProcess.Snapshot(Data);

        var outcome = await DataDirectoryProcess.RunAsync(["--data-dir", Data, "--https-port", "-1"]);

        Assert.True(outcome.BecameReady, outcome.StandardError);
        AssertUnchanged(before);
        Assert.True(File.Exists(Path.Combine(Data, "signing-key.pfx")));
    }

    private async Task AssertRefusedAsync(string namedFile, string[] arguments)
    {
        var before = DataDirectoryProcess.Snapshot(Data);

        var outcome = await DataDirectoryProcess.RunAsync(["--data-dir", Data, .. arguments]);

        Assert.False(outcome.BecameReady, "The emulator started on a damaged data directory.");
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains(namedFile, outcome.StandardError, StringComparison.Ordinal);
        Assert.Contains("move", outcome.StandardError, StringComparison.Ordinal); // how to fix it, not just what failed
        Assert.DoesNotContain("   at ", outcome.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain(AccessKey, outcome.StandardError + outcome.StandardOutput, StringComparison.Ordinal);
        AssertUnchanged(before);
    }

    private void AssertUnchanged(Dictionary<string, byte[]> before)
    {
        var after = DataDirectoryProcess.Snapshot(Data);
        foreach (var (path, bytes) in before)
        {
            Assert.True(after.TryGetValue(path, out var now), $"{path} was removed.");
            Assert.True(bytes.AsSpan().SequenceEqual(now), $"{path} was changed.");
        }
    }

    private void Damage(string name, byte[] valid, string damage)
    {
        switch (damage)
        {
            case "garbage":
                WriteFile(name, "garbage, not PKCS#12"u8.ToArray());
                break;
            case "truncated":
                WriteFile(name, valid[..(valid.Length / 2)]);
                break;
            case "empty":
                WriteFile(name, []);
                break;
            default:
                Directory.CreateDirectory(Path.Combine(Data, name));
                break;
        }
    }

    private void WriteFile(string name, byte[] content)
    {
        Directory.CreateDirectory(Data);
        File.WriteAllBytes(Path.Combine(Data, name), content);
    }

    private static byte[] Pkcs12(AsymmetricAlgorithm key)
    {
        var request = key switch
        {
            RSA rsa => new CertificateRequest("CN=test signing", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            ECDsa ecdsa => new CertificateRequest("CN=localhost", ecdsa, HashAlgorithmName.SHA256),
            _ => throw new ArgumentException("RSA or ECDSA only.", nameof(key)),
        };
        if (key is ECDsa)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddDnsName("localhost");
            request.CertificateExtensions.Add(names.Build());
        }

        var now = TimeProvider.System.GetUtcNow();
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));
        return certificate.Export(X509ContentType.Pkcs12);
    }
}
