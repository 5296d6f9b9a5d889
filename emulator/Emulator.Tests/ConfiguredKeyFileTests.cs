using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Emulator.Configuration;
using Emulator.Hosting;
using Emulator.Infrastructure;
using Emulator.Tokens;

namespace Emulator.Tests;

/// <summary>
/// <c>Tokens:SigningKeyPath</c> and <c>Server:CertificatePath</c> go through one loader: PFX, PEM with the key beside the
/// certificate or in its own file, encrypted PEM, and (signing key only) a PEM that holds just an RSA key.
/// </summary>
public sealed class ConfiguredKeyFileTests : IDisposable
{
    private const string Password = "pa55-word";
    private static readonly DataDirectory InMemory = new(null);
    private readonly string _dir = Directory.CreateTempSubdirectory("acs-emulator-keyfiles-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void SigningKey_FromAPemWithOnlyAnRsaKey_SignsWithThatKey()
    {
        using var rsa = RSA.Create(2048);
        var path = Write("key.pem", rsa.ExportPkcs8PrivateKeyPem());

        var keys = SigningKeys.Load(path, null, InMemory);

        Assert.Equal(rsa.ExportParameters(false).Modulus, keys.Parameters.Modulus);
        Assert.Equal(keys.Certificate.Thumbprint, keys.KeyId);
    }

    [Fact]
    public void SigningKey_FromAnEncryptedPemKey_NeedsItsPassword()
    {
        using var rsa = RSA.Create(2048);
        var path = Write("key.pem", PemEncoding.WriteString("ENCRYPTED PRIVATE KEY", rsa.ExportEncryptedPkcs8PrivateKey(Password, new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 1000))));

        Assert.Equal(rsa.ExportParameters(false).Modulus, SigningKeys.Load(path, Password, InMemory).Parameters.Modulus);
        Assert.ThrowsAny<Exception>(() => SigningKeys.Load(path, null, InMemory));
    }

    [Fact]
    public void SigningKey_FromAPemWithCertificateAndKey_KeepsThatCertificate()
    {
        using var rsa = RSA.Create(2048);
        using var certificate = SelfSigned(rsa);
        var path = Write("signing.pem", certificate.ExportCertificatePem() + "\n" + rsa.ExportPkcs8PrivateKeyPem());

        var keys = SigningKeys.Load(path, null, InMemory);

        Assert.Equal(certificate.Thumbprint, keys.KeyId);
        Assert.True(keys.Certificate.HasPrivateKey);
    }

    [Fact]
    public void SigningKey_FromAPfxWithPassword_IsLoaded()
    {
        using var rsa = RSA.Create(2048);
        using var certificate = SelfSigned(rsa);
        var path = Write("signing.pfx", certificate.Export(X509ContentType.Pkcs12, Password));

        Assert.Equal(certificate.Thumbprint, SigningKeys.Load(path, Password, InMemory).KeyId);
    }

    [Fact]
    public void HttpsCertificate_FromPemWithItsKeyInAnotherFile_HasTheKey()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var certificate = new CertificateRequest("CN=configured", ecdsa, HashAlgorithmName.SHA256).CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var options = new ServerOptions
        {
            CertificatePath = Write("https.crt", certificate.ExportCertificatePem()),
            CertificateKeyPath = Write("https.key", ecdsa.ExportPkcs8PrivateKeyPem()),
        };

        var loaded = HttpsCertificate.Load(options, InMemory, "localhost", TimeProvider.System);

        Assert.Equal(certificate.Thumbprint, loaded.Certificate.Thumbprint);
        Assert.True(loaded.Certificate.HasPrivateKey);
    }

    [Fact]
    public void HttpsCertificate_FromAPemWithoutACertificate_IsRefused()
    {
        using var rsa = RSA.Create(2048);
        var options = new ServerOptions { CertificatePath = Write("key-only.pem", rsa.ExportPkcs8PrivateKeyPem()) };

        Assert.Throws<CryptographicException>(() => HttpsCertificate.Load(options, InMemory, "localhost", TimeProvider.System));
    }

    [Fact]
    public void KeptFile_WrittenByAnotherEmulatorFirst_IsTheOneUsed()
    {
        var data = new DataDirectory(_dir);
        var kept = new CertificateFile("kept.pfx", "certificate", "move it away.", X509KeyStorageFlags.DefaultKeySet, c => c.HasPrivateKey ? null : "has no key");
        using var rsa = RSA.Create(2048);
        using var first = kept.Create(data, SelfSigned(rsa));
        using var second = SelfSigned(rsa);

        var used = kept.Create(data, second);

        Assert.NotSame(second, used);
        Assert.Equal(first.Thumbprint, used.Thumbprint);
        Assert.Equal(first.Thumbprint, kept.Read(data)!.Thumbprint);
    }

    private string Write(string name, string text) => Write(name, System.Text.Encoding.ASCII.GetBytes(text));

    private string Write(string name, byte[] content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    private static X509Certificate2 SelfSigned(RSA rsa)
    {
        using var created = new CertificateRequest("CN=configured signing", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.Exportable);
    }
}
