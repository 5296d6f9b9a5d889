using System.Globalization;

namespace Emulator.Testing;

/// <summary>The emulator settings an <see cref="AcsIdentityEmulatorOptions"/> stands for, the same in both modes.</summary>
internal static class FixtureSettings
{
    /// <summary>Every setting by key (null values mean "not set"); <see cref="AcsIdentityEmulatorOptions.Settings"/> last.</summary>
    public static Dictionary<string, string?> From(AcsIdentityEmulatorOptions options, string? cachedKey, IEnumerable<KeyValuePair<string, string?>> modeSettings)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Server:HttpPort"] = options.HttpPort.ToString(CultureInfo.InvariantCulture),
            ["Server:HttpsPort"] = options.EnableHttps ? options.HttpsPort.ToString(CultureInfo.InvariantCulture) : "-1",
            ["Server:DataDirectory"] = "none",
            ["Resource:AccessKey"] = options.AccessKey,
            ["Resource:Id"] = options.ResourceId,
            ["Authentication:Authority"] = options.Authority,
            ["Authentication:RequireHttpsMetadata"] = options.RequireHttpsMetadata ? "true" : "false",
            ["Tokens:SigningKeyPath"] = cachedKey,
        };
        AddList(settings, "Authentication:Audiences", options.Audiences);
        AddList(settings, "Authentication:TeamsAudiences", options.TeamsAudiences);
        foreach (var (key, value) in modeSettings.Concat(options.Settings))
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>The signing key cache folder, unless it is off or the settings pin the key or a data directory.</summary>
    public static string? KeyCacheDirectory(AcsIdentityEmulatorOptions options) =>
        string.IsNullOrEmpty(options.SigningKeyCacheDirectory)
        || options.Settings.TryGetValue("Tokens:SigningKeyPath", out var path) && path is not null
        || options.Settings.TryGetValue("Server:DataDirectory", out var data) && data is not null
            ? null
            : options.SigningKeyCacheDirectory;

    private static void AddList(Dictionary<string, string?> settings, string key, IList<string> values)
    {
        for (var i = 0; i < values.Count; i++)
        {
            settings[$"{key}:{i}"] = values[i];
        }
    }
}
