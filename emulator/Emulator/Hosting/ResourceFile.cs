using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Emulator.Configuration;
using Emulator.Infrastructure;

namespace Emulator.Hosting;

/// <summary>
/// <c>settings.json</c> in the data directory: the generated resource id and access key, kept so that a restart keeps
/// connection strings valid. A damaged file stops the start (<see cref="DataDirectoryException"/>) and is left alone.
/// </summary>
internal static class ResourceFile
{
    private const string SettingsFile = "settings.json";
    private const string ResourceIdField = "resourceId";
    private const string AccessKeyField = "accessKey";

    /// <summary>Resolves the resource: configured values win; missing ones are read from, or generated into, the folder.</summary>
    public static ResourceSettings ResolveResource(this DataDirectory data, ResourceOptions options, TokenOptions tokens)
    {
        var configuredId = options.Id is { Length: > 0 } id ? id : null;
        var configuredKey = options.AccessKey is { Length: > 0 } key ? key : null;
        var (storedId, storedKey, exists) = ReadSettings(data);
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
                AcsJsonContext.Default.JsonObject);
            if (exists)
            {
                data.Write(SettingsFile, settings);
            }
            else if (!data.TryCreate(SettingsFile, settings))
            {
                // Another emulator sharing the folder generated it first: use its values.
                return data.ResolveResource(options, tokens);
            }
        }

        var region = tokens.Region is { Length: > 0 } r ? r : Regions.ForLocation(options.Location);
        return new ResourceSettings(resourceId.ToLowerInvariant(), accessKey, options.Location, region, options.EndpointHost, AccessKeyGenerated: configuredKey is null);
    }

    private static (string? ResourceId, string? AccessKey, bool Exists) ReadSettings(DataDirectory data)
    {
        var bytes = data.Read(SettingsFile);
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
            throw data.Damaged(SettingsFile, $"is not valid JSON ({ex.Message})", Remedy, ex);
        }

        if (root is not JsonObject settings)
        {
            var found = root is null ? (bytes.AsSpan().Trim(" \t\r\n"u8).IsEmpty ? "is empty" : "holds JSON null, not an object") : $"holds a JSON {root.GetValueKind().ToString().ToLowerInvariant()}, not an object";
            throw data.Damaged(SettingsFile, found, Remedy);
        }

        var resourceId = Field(data, settings, ResourceIdField, Remedy);
        if (resourceId is not null && !Guid.TryParseExact(resourceId, "D", out _))
        {
            throw data.Damaged(SettingsFile, $"has a \"{ResourceIdField}\" that is not a GUID ('{resourceId}')", Remedy);
        }

        var accessKey = Field(data, settings, AccessKeyField, Remedy);
        if (accessKey is not null && !ResourceOptions.IsBase64(accessKey))
        {
            throw data.Damaged(SettingsFile, $"has an \"{AccessKeyField}\" that is not base64 (the value is not shown)", Remedy);
        }

        return (resourceId, accessKey, true);
    }

    // A field must be present; null (written when the value was configured, so not kept) or a non-empty string.
    private static string? Field(DataDirectory data, JsonObject settings, string name, string remedy)
    {
        if (!settings.TryGetPropertyValue(name, out var value))
        {
            throw data.Damaged(SettingsFile, $"has no \"{name}\"", remedy);
        }

        if (value is null)
        {
            return null;
        }

        if (value.GetValueKind() != JsonValueKind.String || value.GetValue<string>() is not { Length: > 0 } text)
        {
            throw data.Damaged(SettingsFile, $"has a \"{name}\" that is not a non-empty string", remedy);
        }

        return text;
    }
}
