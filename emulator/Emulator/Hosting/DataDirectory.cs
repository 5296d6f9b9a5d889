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
        var resourceId = options.Id is { Length: > 0 } id ? id : stored?["resourceId"]?.GetValue<string>() ?? Guid.NewGuid().ToString("D");
        var generated = options.AccessKey is not { Length: > 0 };
        var accessKey = !generated ? options.AccessKey! : stored?["accessKey"]?.GetValue<string>() ?? Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));

        if (options.Id is not { Length: > 0 } || generated)
        {
            WriteSettings(new JsonObject { ["resourceId"] = resourceId, ["accessKey"] = generated ? accessKey : stored?["accessKey"]?.GetValue<string>() });
        }

        var region = tokens.Region is { Length: > 0 } r ? r : Regions.ForLocation(options.Location);
        return new ResourceSettings(resourceId.ToLowerInvariant(), accessKey, options.Location, region, options.EndpointHost, generated);
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
