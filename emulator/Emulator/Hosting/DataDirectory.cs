using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Emulator.Configuration;

namespace Emulator.Hosting;

/// <summary>
/// The folder that keeps what the emulator generates (HTTPS certificate, signing key, access key, resource id),
/// so that a restart — or a container with the folder as a volume — keeps clients working.
/// </summary>
public sealed class DataDirectory(string? path)
{
    private const string SettingsFile = "settings.json";

    /// <summary>Null when nothing is persisted.</summary>
    public string? Path { get; } = path;

    public string? FilePath(string name) => Path is null ? null : System.IO.Path.Combine(Path, name);

    /// <summary>Resolves the resource: configured values win; missing ones are read from, or generated into, the folder.</summary>
    public ResourceSettings ResolveResource(ResourceOptions options, TokenOptions tokens)
    {
        var stored = ReadSettings();
        var storedId = stored?["resourceId"]?.GetValue<string>();
        var storedKey = stored?["accessKey"]?.GetValue<string>();
        var configuredId = options.Id is { Length: > 0 } id ? id : null;
        var configuredKey = options.AccessKey is { Length: > 0 } key ? key : null;
        var resourceId = configuredId ?? storedId ?? Guid.NewGuid().ToString("D");
        var accessKey = configuredKey ?? storedKey ?? Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));

        // Write only what was generated now; configured values never replace generated ones kept for later starts.
        if ((configuredId is null && storedId is null) || (configuredKey is null && storedKey is null))
        {
            WriteSettings(new JsonObject
            {
                ["resourceId"] = configuredId is null ? resourceId : storedId,
                ["accessKey"] = configuredKey is null ? accessKey : storedKey,
            });
        }

        var region = tokens.Region is { Length: > 0 } r ? r : Regions.ForLocation(options.Location);
        return new ResourceSettings(resourceId.ToLowerInvariant(), accessKey, options.Location, region, options.EndpointHost, AccessKeyGenerated: configuredKey is null);
    }

    /// <summary>Reads a file of the folder, or returns null when absent or when nothing is persisted.</summary>
    public byte[]? Read(string name)
    {
        var file = FilePath(name);
        return file is not null && File.Exists(file) ? File.ReadAllBytes(file) : null;
    }

    /// <summary>Writes a file of the folder (owner-only where the platform allows); does nothing when nothing is persisted.</summary>
    public void Write(string name, ReadOnlySpan<byte> content)
    {
        var file = FilePath(name);
        if (file is null)
        {
            return;
        }

        Directory.CreateDirectory(Path!);
        var temp = file + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            // Keys and certificates are secrets: readable by the emulator's user only.
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temp, options))
        {
            stream.Write(content);
        }

        File.Move(temp, file, overwrite: true);
    }

    private JsonObject? ReadSettings()
    {
        var bytes = Read(SettingsFile);
        if (bytes is null)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(bytes) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private void WriteSettings(JsonObject settings)
        => Write(SettingsFile, JsonSerializer.SerializeToUtf8Bytes(settings, Infrastructure.AcsJsonContext.Default.JsonObject));
}
