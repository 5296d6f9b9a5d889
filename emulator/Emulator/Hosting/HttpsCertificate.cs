using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Emulator.Configuration;
using Emulator.Infrastructure;

namespace Emulator.Hosting;

/// <summary>
/// The HTTPS certificate: the configured one, else a self-signed one for localhost, 127.0.0.1, ::1 and the endpoint
/// host, created on first start and kept in the data directory so clients that trusted it keep trusting it.
/// </summary>
internal sealed class HttpsCertificate
{
    private const string PemFile = "https.pem";

    // A damaged kept certificate stops the start rather than being replaced: clients trust it.
    private static readonly CertificateFile Kept = new(
        "https.pfx",
        "certificate",
        "restore it from a backup, or move it (and https.pem) away to have a new certificate generated (clients that trusted the old one must then trust the new one).",
        X509KeyStorageFlags.DefaultKeySet,
        certificate => certificate.HasPrivateKey ? null : "holds a certificate without its private key");

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
            return new HttpsCertificate(CertificateFile.LoadConfigured(options.CertificatePath, options.CertificateKeyPath, options.CertificatePassword, X509KeyStorageFlags.DefaultKeySet));
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

        var stored = Kept.Read(data);
        if (stored is not null && stored.NotAfter > time.GetUtcNow().UtcDateTime.AddDays(7) && stored.MatchesHostname(endpointHost))
        {
            return new HttpsCertificate(stored);
        }

        // Absent, or about to expire, or not for the endpoint host: a new one (trusted clients must trust it again).
        var certificate = Create(endpointHost, time);
        if (stored is not null)
        {
            Kept.Replace(data, certificate);
        }
        else if (Kept.Create(data, certificate) is var kept && !ReferenceEquals(kept, certificate))
        {
            // Another emulator sharing the folder generated one first: serve that one, as it does.
            return new HttpsCertificate(kept);
        }

        var created = new HttpsCertificate(certificate);
        data.Write(PemFile, System.Text.Encoding.ASCII.GetBytes(created.Pem));
        return created;
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
        return CertificateFile.SelfSigned(request, time.GetUtcNow(), years: 2, X509KeyStorageFlags.DefaultKeySet);
    }
}
