using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Emulator.Hosting;
using Microsoft.IdentityModel.Tokens;

namespace Emulator.Tokens;

/// <summary>
/// The RSA key that signs access tokens, loaded once. Like the live service's tokens, <c>kid</c> is the SHA-1
/// thumbprint of the key's certificate in upper-case hex and <c>x5t</c> its base64url form; the certificate is
/// self-signed when the emulator generates the key.
/// </summary>
public sealed class SigningKeys
{
    private const string FileName = "signing-key.pfx";

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

    /// <summary>Loads the configured key, else the one kept in the data directory, else generates (and keeps) one.</summary>
    public static SigningKeys Load(string? path, string? password, DataDirectory data)
    {
        if (!string.IsNullOrEmpty(path))
        {
            return new SigningKeys(LoadFromFile(path, password));
        }

        if (data.Path is null)
        {
            return new SigningKeys(EphemeralCertificate.Value);
        }

        var stored = data.Read(FileName);
        if (stored is not null)
        {
            return FromStored(stored, data);
        }

        var certificate = CreateCertificate(RSA.Create(2048));
        if (!data.TryCreate(FileName, certificate.Export(X509ContentType.Pkcs12)))
        {
            // Another emulator sharing the folder generated one first: sign with that one, as it does.
            return FromStored(data.Read(FileName) ?? throw data.Damaged(FileName, "vanished while it was being created", "start the emulator again."), data);
        }

        return new SigningKeys(certificate);
    }

    /// <summary>The kept key; a damaged file stops the start rather than being replaced (every issued token would break).</summary>
    private static SigningKeys FromStored(byte[] stored, DataDirectory data)
    {
        const string Remedy = "restore it from a backup, or move it away to have a new key generated (tokens signed with the old key will then be rejected as unknownSigningKey).";
        try
        {
            return new SigningKeys(X509CertificateLoader.LoadPkcs12(stored, null, X509KeyStorageFlags.Exportable));
        }
        catch (CryptographicException ex)
        {
            throw data.Damaged(FileName, stored.Length == 0 ? "is empty" : $"is not a readable PKCS#12 signing key ({ex.Message})", Remedy, ex);
        }
        catch (InvalidOperationException ex)
        {
            throw data.Damaged(FileName, "holds no RSA private key", Remedy, ex);
        }
    }

    private static X509Certificate2 LoadFromFile(string path, string? password)
    {
        if (path.EndsWith(".pfx", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".p12", StringComparison.OrdinalIgnoreCase))
        {
            return X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.Exportable);
        }

        var pem = File.ReadAllText(path);
        if (pem.Contains("BEGIN CERTIFICATE", StringComparison.Ordinal))
        {
            return string.IsNullOrEmpty(password)
                ? X509Certificate2.CreateFromPem(pem, pem)
                : X509Certificate2.CreateFromEncryptedPem(pem, pem, password);
        }

        var rsa = RSA.Create();
        if (string.IsNullOrEmpty(password))
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
    {
        var request = new CertificateRequest("CN=ACS Identity Emulator token signing", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var now = TimeProvider.System.GetUtcNow();
        using var created = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(10));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.Exportable);
    }
}
