namespace Emulator.Snapshots;

/// <summary>
/// Writes a file atomically: into a temporary file beside it, flushed to disk, then renamed over the old one, so a
/// crash (kill -9, power loss) leaves either the old file or the new one, never a torn one.
/// </summary>
internal static class StateFile
{
    public static void WriteAtomically(string path, ReadOnlySpan<byte> content)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.None))
        {
            stream.Write(content);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
