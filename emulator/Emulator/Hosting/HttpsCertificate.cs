using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Emulator.Configuration;

namespace Emulator.Hosting;

/// <summary>
/// The HTTPS certificate: the configured one, else a self-signed one for localhost, 127.0.0.1, ::1 and the endpoint
/// host, created on first start and kept in the data directory so clients that trusted it keep trusting it.
/// </summary>
public sealed class HttpsCertificate
{
    private const string PfxFile = "https.pfx";
    private const string PemFile = "https.pem";
    private static readonly Dictionary<string, X509Certificate2> Ephemeral = new(StringComparer.OrdinalIgnoreCase);

    private HttpsCertificate(X509Certificate2 certificate)
    {
        Certificate = certificate;
        Pem = certificate.ExportCertificatePem() + "\n";
    }

    public X509Certificate2 Certificate { get; }

    /// <summary>The public certificate as PEM, for <c>NODE_EXTRA_CA_CERTS</c> and trust stores.</summary>
    public string Pem { get; }

    public static HttpsCertificate Load(ServerOptions options, DataDirectory data, string endpointHost, TimeProvider time)
    {
        if (!string.IsNullOrEmpty(options.CertificatePath))
        {
            return new HttpsCertificate(LoadFromFile(options));
        }

        if (data.Path is null)
        {
            lock (Ephemeral)
            {
                if (!Ephemeral.TryGetValue(endpointHost, out var cached))
                {
                    Ephemeral[endpointHost] = cached = Create(endpointHost, time);
                }

                return new HttpsCertificate(cached);
            }
        }

        var stored = data.Read(PfxFile);
        if (stored is not null)
        {
            var existing = FromStored(stored, data);
            if (existing.NotAfter > time.GetUtcNow().UtcDateTime.AddDays(7) && existing.MatchesHostname(endpointHost))
            {
                return new HttpsCertificate(existing);
            }
        }

        // Absent, or about to expire, or not for the endpoint host: a new one (trusted clients must trust it again).
        var certificate = Create(endpointHost, time);
        if (stored is null && !data.TryCreate(PfxFile, certificate.Export(X509ContentType.Pkcs12)))
        {
            // Another emulator sharing the folder generated one first: serve that one, as it does.
            return new HttpsCertificate(FromStored(data.Read(PfxFile) ?? throw data.Damaged(PfxFile, "vanished while it was being created", "start the emulator again."), data));
        }

        if (stored is not null)
        {
            data.Write(PfxFile, certificate.Export(X509ContentType.Pkcs12));
        }

        var created = new HttpsCertificate(certificate);
        data.Write(PemFile, System.Text.Encoding.ASCII.GetBytes(created.Pem));
        return created;
    }

    /// <summary>The kept certificate; a damaged file stops the start rather than being replaced (clients trust it).</summary>
    private static X509Certificate2 FromStored(byte[] stored, DataDirectory data)
    {
        const string Remedy = "restore it from a backup, or move it (and https.pem) away to have a new certificate generated (clients that trusted the old one must then trust the new one).";
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12(stored, null);
        }
        catch (CryptographicException ex)
        {
            throw data.Damaged(PfxFile, stored.Length == 0 ? "is empty" : $"is not a readable PKCS#12 certificate ({ex.Message})", Remedy, ex);
        }

        return certificate.HasPrivateKey ? certificate : throw data.Damaged(PfxFile, "holds a certificate without its private key", Remedy);
    }

    private static X509Certificate2 LoadFromFile(ServerOptions options)
    {
        var path = options.CertificatePath!;
        if (path.EndsWith(".pfx", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".p12", StringComparison.OrdinalIgnoreCase))
        {
            return X509CertificateLoader.LoadPkcs12FromFile(path, options.CertificatePassword);
        }

        var keyPath = string.IsNullOrEmpty(options.CertificateKeyPath) ? path : options.CertificateKeyPath;
        var pem = string.IsNullOrEmpty(options.CertificatePassword)
            ? X509Certificate2.CreateFromPemFile(path, keyPath)
            : X509Certificate2.CreateFromEncryptedPemFile(path, options.CertificatePassword, keyPath);

        // Kestrel on Linux needs an exportable key; round-trip through PKCS#12.
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }

    private static X509Certificate2 Create(string endpointHost, TimeProvider time)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=ACS Identity Emulator", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        if (IPAddress.TryParse(endpointHost, out var ip))
        {
            names.AddIpAddress(ip);
        }
        else if (!endpointHost.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            names.AddDnsName(endpointHost);
        }

        request.CertificateExtensions.Add(names.Build());
        // Self-signed and its own trust anchor: marked as a CA so OpenSSL, .NET and browsers accept it once trusted.
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyCertSign, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = time.GetUtcNow();
        using var created = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(2));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
    }
}
