using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Emulator.Configuration;

namespace Emulator.Hosting;

/// <summary>
/// The folder that keeps what the emulator generates (HTTPS certificate, signing key, access key, resource id),
/// so that a restart — or a container with the folder as a volume — keeps clients working. Only absent files are
/// generated; a file that exists but cannot be read or parsed stops the start (<see cref="DataDirectoryException"/>)
/// and is never overwritten. Files are written to a temporary file, flushed, then renamed into place.
/// </summary>
public sealed class DataDirectory(string? path)
{
    private const string SettingsFile = "settings.json";
    private const string ResourceIdField = "resourceId";
    private const string AccessKeyField = "accessKey";

    /// <summary>Null when nothing is persisted.</summary>
    public string? Path { get; } = path;

    public string? FilePath(string name) => Path is null ? null : System.IO.Path.Combine(Path, name);

    /// <summary>Resolves the resource: configured values win; missing ones are read from, or generated into, the folder.</summary>
    public ResourceSettings ResolveResource(ResourceOptions options, TokenOptions tokens)
    {
        var configuredId = options.Id is { Length: > 0 } id ? id : null;
        var configuredKey = options.AccessKey is { Length: > 0 } key ? key : null;
        var (storedId, storedKey, exists) = ReadSettings();
        var resourceId = configuredId ?? storedId ?? Guid.NewGuid().ToString("D");
        var accessKey = configuredKey ?? storedKey ?? Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));

        // Write only what was generated now; configured values never replace generated ones kept for later starts
        // (null marks a value that was configured, so not kept).
        var generatedId = configuredId is null && storedId is null;
        var generatedKey = configuredKey is null && storedKey is null;
        if (generatedId || generatedKey)
        {
            var settings = JsonSerializer.SerializeToUtf8Bytes(
                new JsonObject
                {
                    [ResourceIdField] = generatedId ? resourceId : storedId,
                    [AccessKeyField] = generatedKey ? accessKey : storedKey,
                },
                Infrastructure.AcsJsonContext.Default.JsonObject);
            if (exists)
            {
                Write(SettingsFile, settings);
            }
            else if (!TryCreate(SettingsFile, settings))
            {
                // Another emulator sharing the folder generated it first: use its values.
                return ResolveResource(options, tokens);
            }
        }

        var region = tokens.Region is { Length: > 0 } r ? r : Regions.ForLocation(options.Location);
        return new ResourceSettings(resourceId.ToLowerInvariant(), accessKey, options.Location, region, options.EndpointHost, AccessKeyGenerated: configuredKey is null);
    }

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

            throw new DataDirectoryException($"{file} cannot be written ({ex.Message}): give the emulator's user write access to {Path}, choose another folder with Server:DataDirectory (--data-dir), or use 'none' to keep everything in memory.", ex);
        }
    }

    private void CheckFolder()
    {
        if (File.Exists(Path))
        {
            throw new DataDirectoryException($"{Path} is a file, not a directory: set Server:DataDirectory (--data-dir) to a directory, or move the file away.");
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

    private (string? ResourceId, string? AccessKey, bool Exists) ReadSettings()
    {
        var bytes = Read(SettingsFile);
        if (bytes is null)
        {
            return (null, null, false);
        }

        const string Remedy = "restore it from a backup or fix it by hand ({\"resourceId\": \"<GUID>\", \"accessKey\": \"<base64>\"}), or move it away to have a new resource id and access key generated (clients configured with the old ones will then be refused).";
        JsonNode? root;
        try
        {
            root = bytes.AsSpan().Trim(" \t\r\n"u8).IsEmpty ? null : JsonNode.Parse(bytes);
        }
        catch (JsonException ex)
        {
            throw Damaged(SettingsFile, $"is not valid JSON ({ex.Message})", Remedy, ex);
        }

        if (root is not JsonObject settings)
        {
            var found = root is null ? (bytes.AsSpan().Trim(" \t\r\n"u8).IsEmpty ? "is empty" : "holds JSON null, not an object") : $"holds a JSON {root.GetValueKind().ToString().ToLowerInvariant()}, not an object";
            throw Damaged(SettingsFile, found, Remedy);
        }

        var resourceId = Field(settings, ResourceIdField, Remedy);
        if (resourceId is not null && !Guid.TryParseExact(resourceId, "D", out _))
        {
            throw Damaged(SettingsFile, $"has a \"{ResourceIdField}\" that is not a GUID ('{resourceId}')", Remedy);
        }

        var accessKey = Field(settings, AccessKeyField, Remedy);
        if (accessKey is not null && !SettingsValidator.IsBase64(accessKey))
        {
            throw Damaged(SettingsFile, $"has an \"{AccessKeyField}\" that is not base64 (the value is not shown)", Remedy);
        }

        return (resourceId, accessKey, true);
    }

    // A field must be present; null (written when the value was configured, so not kept) or a non-empty string.
    private string? Field(JsonObject settings, string name, string remedy)
    {
        if (!settings.TryGetPropertyValue(name, out var value))
        {
            throw Damaged(SettingsFile, $"has no \"{name}\"", remedy);
        }

        if (value is null)
        {
            return null;
        }

        if (value.GetValueKind() != JsonValueKind.String || value.GetValue<string>() is not { Length: > 0 } text)
        {
            throw Damaged(SettingsFile, $"has a \"{name}\" that is not a non-empty string", remedy);
        }

        return text;
    }
}
