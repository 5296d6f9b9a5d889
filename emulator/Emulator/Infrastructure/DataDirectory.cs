using Emulator.Configuration;

namespace Emulator.Infrastructure;

/// <summary>
/// The folder that keeps what the emulator generates (HTTPS certificate, signing key, access key, resource id),
/// so that a restart — or a container with the folder as a volume — keeps clients working. Only absent files are
/// generated; a file that exists but cannot be read or parsed stops the start (<see cref="DataDirectoryException"/>)
/// and is never overwritten. Files are written to a temporary file, flushed, then renamed into place. This type knows
/// files only; what they hold is read by their owners (<c>ResourceFile</c>, <c>SigningKeys</c>, <c>HttpsCertificate</c>).
/// </summary>
internal sealed class DataDirectory(string? path)
{
    /// <summary>Null when nothing is persisted.</summary>
    public string? Path { get; } = path;

    public string? FilePath(string name) => Path is null ? null : System.IO.Path.Combine(Path, name);

    /// <summary>
    /// Reads a file of the folder, or returns null when it is absent or nothing is persisted. Throws
    /// <see cref="DataDirectoryException"/> when it exists but cannot be read (a directory, permissions, I/O).
    /// </summary>
    public byte[]? Read(string name)
    {
        var file = FilePath(name);
        if (file is null)
        {
            return null;
        }

        CheckFolder();
        if (Directory.Exists(file))
        {
            throw new DataDirectoryException($"{file} is a directory, where the emulator keeps a file: move it out of the data directory.");
        }

        try
        {
            return File.ReadAllBytes(file);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DataDirectoryException($"{file} cannot be read ({ex.Message}): give the emulator's user read access to it, or move it out of the data directory to have it generated again.", ex);
        }
    }

    /// <summary>Writes (or replaces) a file of the folder atomically, owner-only where the platform allows; does nothing when nothing is persisted.</summary>
    public void Write(string name, ReadOnlySpan<byte> content) => Store(name, content, overwrite: true);

    /// <summary>Writes a file that is absent; returns false, leaving the file alone, when it appeared meanwhile.</summary>
    public bool TryCreate(string name, ReadOnlySpan<byte> content) => Store(name, content, overwrite: false);

    /// <summary>The error for a file that exists but whose content cannot be used.</summary>
    public DataDirectoryException Damaged(string name, string problem, string remedy, Exception? inner = null)
        => new($"{FilePath(name)} {problem}: {remedy} The file was left as it is.", inner);

    private bool Store(string name, ReadOnlySpan<byte> content, bool overwrite)
    {
        var file = FilePath(name);
        if (file is null)
        {
            return true;
        }

        CheckFolder();
        var temp = System.IO.Path.Combine(Path!, $".{name}.{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(Path!);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                // Keys and certificates are secrets: readable by the emulator's user only.
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var stream = new FileStream(temp, options))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            if (!overwrite && (File.Exists(file) || Directory.Exists(file)))
            {
                File.Delete(temp);
                return false;
            }

            File.Move(temp, file, overwrite);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            if (!overwrite && File.Exists(file))
            {
                return false;
            }

            throw new DataDirectoryException($"{file} cannot be written ({ex.Message}): give the emulator's user write access to {Path}, choose another folder with {ServerOptions.DataDirectoryKey} (--data-dir), or use 'none' to keep everything in memory.", ex);
        }
    }

    private void CheckFolder()
    {
        if (File.Exists(Path))
        {
            throw new DataDirectoryException($"{Path} is a file, not a directory: set {ServerOptions.DataDirectoryKey} (--data-dir) to a directory, or move the file away.");
        }
    }

    private static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: a stray temporary file is harmless.
        }
    }
}
