using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Emulator.Infrastructure;
using Microsoft.IdentityModel.Tokens;

namespace Emulator.Tokens;

/// <summary>
/// The RSA key that signs access tokens, loaded once. Like the live service's tokens, <c>kid</c> is the SHA-1
/// thumbprint of the key's certificate in upper-case hex and <c>x5t</c> its base64url form; the certificate is
/// self-signed when the emulator generates the key.
/// </summary>
internal sealed class SigningKeys
{
    /// <summary>The key's file in the data directory (<see cref="SigningKeyProvider"/> generates in the background when it is absent).</summary>
    internal const string StoredFileName = "signing-key.pfx";

    // A damaged kept key stops the start rather than being replaced: every issued token would break.
    private static readonly CertificateFile Kept = new(
        StoredFileName,
        "signing key",
        "restore it from a backup, or move it away to have a new key generated (tokens signed with the old key will then be rejected as unknownSigningKey).",
        X509KeyStorageFlags.Exportable,
        NoRsaKey);

    // In-memory keys are shared by every emulator in the process, so test hosts do not each pay for RSA generation.
    private static readonly Lazy<X509Certificate2> EphemeralCertificate = new(() => CreateCertificate(RSA.Create(2048)));

    public SigningKeys(X509Certificate2 certificate)
    {
        Certificate = certificate;
        Rsa = certificate.GetRSAPrivateKey() ?? throw new InvalidOperationException("The signing certificate has no RSA private key.");
        KeyId = certificate.Thumbprint.ToUpperInvariant();
        X5t = Base64UrlEncoder.Encode(certificate.GetCertHash());
        // An X509SecurityKey makes the handler write both kid (thumbprint) and x5t, as the live service's tokens carry.
        SecurityKey = new X509SecurityKey(certificate, KeyId);
        Credentials = new SigningCredentials(SecurityKey, SecurityAlgorithms.RsaSha256);
        Parameters = Rsa.ExportParameters(includePrivateParameters: false);
    }

    public X509Certificate2 Certificate { get; }

    public RSA Rsa { get; }

    public string KeyId { get; }

    public string X5t { get; }

    public X509SecurityKey SecurityKey { get; }

    public SigningCredentials Credentials { get; }

    public RSAParameters Parameters { get; }

    private static string? NoRsaKey(X509Certificate2 certificate)
    {
        using var rsa = certificate.GetRSAPrivateKey();
        return rsa is null ? "holds no RSA private key" : null;
    }

    /// <summary>Loads the configured key, else the one kept in the data directory, else generates (and keeps) one.</summary>
    public static SigningKeys Load(string? path, string? password, DataDirectory data)
    {
        if (!string.IsNullOrEmpty(path))
        {
            return new SigningKeys(CertificateFile.LoadConfigured(path, null, password, X509KeyStorageFlags.Exportable, FromKeyOnly));
        }

        if (data.Path is null)
        {
            return new SigningKeys(EphemeralCertificate.Value);
        }

        return new SigningKeys(Kept.Read(data) ?? Kept.Create(data, CreateCertificate(RSA.Create(2048))));
    }

    /// <summary>A new RSA-2048 key in a self-signed certificate, as the emulator generates (the test fixture caches one for its child processes).</summary>
    internal static X509Certificate2 GenerateCertificate() => CreateCertificate(RSA.Create(2048));

    /// <summary>A PEM file with an RSA private key and no certificate: the key in a self-signed one.</summary>
    private static X509Certificate2 FromKeyOnly(string pem, string? password)
    {
        var rsa = RSA.Create();
        if (password is null)
        {
            rsa.ImportFromPem(pem);
        }
        else
        {
            rsa.ImportFromEncryptedPem(pem, password);
        }

        return CreateCertificate(rsa);
    }

    private static X509Certificate2 CreateCertificate(RSA rsa)
        => CertificateFile.SelfSigned(
            new CertificateRequest("CN=ACS Identity Emulator token signing", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            TimeProvider.System.GetUtcNow(),
            years: 10,
            X509KeyStorageFlags.Exportable);
}
