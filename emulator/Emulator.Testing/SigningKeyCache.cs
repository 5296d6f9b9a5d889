using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Emulator.Testing;

/// <summary>
/// Keeps the in-memory emulator's token signing key in a per-user folder, so that a test process loads it (a few
/// milliseconds) instead of generating an RSA-2048 key (0.1-1 s of CPU). The first process that finds no usable file
/// generates its key as before and saves it in the background once it exists; every later one loads it. The folder
/// and file are the user's alone (0700 / 0600 on Unix): a file others could read or write is not used, and a damaged
/// or expired one is replaced. Only for the emulator's own test tokens: a real key never goes here.
/// </summary>
internal static class SigningKeyCache
{
    private const string FileName = "signing-key.pfx";
    private const UnixFileMode NotForOthers = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>The per-user cache folder: <c>$XDG_CACHE_HOME</c> (or <c>~/.cache</c>) on Unix, LocalApplicationData on Windows.</summary>
    public static string DefaultDirectory()
    {
        var root = OperatingSystem.IsWindows()
            ? Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData)
            : Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
                ? xdg
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(root, "acs-identity-emulator", "testing");
    }

    /// <summary>The cached key's path when the file exists and only this user can read and write it (not loaded: see <see cref="TryFind"/>); else null.</summary>
    public static string? Candidate(string directory)
    {
        var path = Path.Combine(directory, FileName);
        try
        {
            return File.Exists(path) && IsPrivate(directory) && IsPrivate(path) ? path : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The cached key's path when it holds a usable RSA key that only this user can read and write; else null.</summary>
    public static string? TryFind(string directory)
    {
        var path = Path.Combine(directory, FileName);
        try
        {
            if (Candidate(directory) is null)
            {
                return null;
            }

            using var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, null, X509KeyStorageFlags.Exportable);
            using var rsa = certificate.GetRSAPrivateKey();
            var expires = new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
            return rsa is { KeySize: >= 2048 } && expires > TimeProvider.System.GetUtcNow().AddDays(30) ? path : null;
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
        {
            return null; // damaged or unreadable: this process generates, and the save below replaces it
        }
    }

    /// <summary>Once the generated key exists, writes it (with its private key) to the cache, atomically.</summary>
    public static void SaveInBackground(string directory, Task<Emulator.Tokens.SigningKeys> keys) =>
        keys.ContinueWith(
            done => TrySave(directory, done.Result.Certificate),
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnRanToCompletion,
            TaskScheduler.Default);

    /// <summary>Writes the key to a private temporary file and renames it into place; false if the folder cannot be used.</summary>
    internal static bool TrySave(string directory, X509Certificate2 certificate)
    {
        var temporary = Path.Combine(directory, $"{FileName}.{Environment.ProcessId}.tmp");
        try
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(directory);
            }
            else
            {
                Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            if (!IsPrivate(directory))
            {
                return false;
            }

            var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var file = new FileStream(temporary, options))
            {
                file.Write(certificate.Export(X509ContentType.Pkcs12));
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, Path.Combine(directory, FileName), overwrite: true);
            return true;
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            return false; // a read-only home or a full disk only means the next process generates again
        }
    }

    /// <summary>On Unix: no group or other permission bits (the folder and key are the user's alone).</summary>
    private static bool IsPrivate(string path) =>
        OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & NotForOthers) == 0;

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Left behind: the next save overwrites it (the name carries the process id).
        }
    }
}
