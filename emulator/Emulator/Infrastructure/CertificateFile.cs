using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Emulator.Infrastructure;

/// <summary>
/// Loading of a certificate with its private key, the one logic behind the HTTPS certificate and the token signing key:
/// a configured PFX or PEM file, or a PKCS#12 file kept in the <see cref="DataDirectory"/> that is generated only when
/// absent. A kept file that exists but cannot be used stops the start (<see cref="DataDirectoryException"/>) and is never
/// replaced behind the user's back; when two emulators share the folder, the one that writes first wins and the other
/// uses its file.
/// </summary>
/// <param name="FileName">The file's name in the data directory.</param>
/// <param name="Kind">What the file holds, as error messages name it (<c>certificate</c>, <c>signing key</c>).</param>
/// <param name="Remedy">What the user can do about a damaged file.</param>
/// <param name="Flags">How its key is loaded.</param>
/// <param name="KeyProblem">Why a readable certificate cannot be used (no usable private key), or null when it can.</param>
internal sealed record CertificateFile(string FileName, string Kind, string Remedy, X509KeyStorageFlags Flags, Func<X509Certificate2, string?> KeyProblem)
{
    /// <summary>
    /// A configured file: PKCS#12 (<c>.pfx</c>, <c>.p12</c>) or PEM, the key in <paramref name="keyPath"/> or in the
    /// same file. <paramref name="fromKeyOnly"/>, when given, makes a certificate for a PEM file that holds a key only.
    /// </summary>
    public static X509Certificate2 LoadConfigured(string path, string? keyPath, string? password, X509KeyStorageFlags flags, Func<string, string?, X509Certificate2>? fromKeyOnly = null)
    {
        if (path.EndsWith(".pfx", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".p12", StringComparison.OrdinalIgnoreCase))
        {
            return X509CertificateLoader.LoadPkcs12FromFile(path, password, flags);
        }

        if (fromKeyOnly is not null && string.IsNullOrEmpty(keyPath) && File.ReadAllText(path) is var pem && !pem.Contains("BEGIN CERTIFICATE", StringComparison.Ordinal))
        {
            return fromKeyOnly(pem, string.IsNullOrEmpty(password) ? null : password);
        }

        var keyFile = string.IsNullOrEmpty(keyPath) ? path : keyPath;
        using var loaded = string.IsNullOrEmpty(password)
            ? X509Certificate2.CreateFromPemFile(path, keyFile)
            : X509Certificate2.CreateFromEncryptedPemFile(path, password, keyFile);

        // A key read from PEM is ephemeral, and Kestrel on Linux needs an exportable one: round-trip through PKCS#12.
        return X509CertificateLoader.LoadPkcs12(loaded.Export(X509ContentType.Pkcs12), null, flags);
    }

    /// <summary>A self-signed certificate valid from a day before <paramref name="now"/> for <paramref name="years"/> years, loaded with <paramref name="flags"/>.</summary>
    public static X509Certificate2 SelfSigned(CertificateRequest request, DateTimeOffset now, int years, X509KeyStorageFlags flags)
    {
        using var created = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(years));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null, flags);
    }

    /// <summary>The kept certificate, or null when the file is absent or nothing is persisted.</summary>
    public X509Certificate2? Read(DataDirectory data) => data.Read(FileName) is { } stored ? FromStored(stored, data) : null;

    /// <summary>
    /// Keeps <paramref name="created"/> where no file is yet, and returns it; when another emulator sharing the folder
    /// wrote one first, returns that one instead (so both use the same).
    /// </summary>
    public X509Certificate2 Create(DataDirectory data, X509Certificate2 created)
    {
        if (data.TryCreate(FileName, created.Export(X509ContentType.Pkcs12)))
        {
            return created;
        }

        return FromStored(data.Read(FileName) ?? throw data.Damaged(FileName, "vanished while it was being created", "start the emulator again."), data);
    }

    /// <summary>Replaces the kept file with <paramref name="created"/> (on purpose: the caller decided the kept one is unfit).</summary>
    public X509Certificate2 Replace(DataDirectory data, X509Certificate2 created)
    {
        data.Write(FileName, created.Export(X509ContentType.Pkcs12));
        return created;
    }

    private X509Certificate2 FromStored(byte[] stored, DataDirectory data)
    {
        X509Certificate2 certificate;
        string? problem;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12(stored, null, Flags);
            problem = KeyProblem(certificate);
        }
        catch (CryptographicException ex)
        {
            throw data.Damaged(FileName, stored.Length == 0 ? "is empty" : $"is not a readable PKCS#12 {Kind} ({ex.Message})", Remedy, ex);
        }

        if (problem is not null)
        {
            certificate.Dispose();
            throw data.Damaged(FileName, problem, Remedy);
        }

        return certificate;
    }
}
