namespace Emulator.Configuration;

/// <summary>The emulated ACS resource. Section <c>Resource</c>.</summary>
internal sealed class ResourceOptions
{
    public const string SectionName = "Resource";

    /// <summary>The configuration keys of this section's settings (<c>Section:Property</c>), for validators, messages and the settings table.</summary>
    public const string IdKey = SectionName + ":" + nameof(Id);
    public const string AccessKeyKey = SectionName + ":" + nameof(AccessKey);
    public const string LocationKey = SectionName + ":" + nameof(Location);
    public const string AllowCustomLocationKey = SectionName + ":" + nameof(AllowCustomLocation);
    public const string EndpointHostKey = SectionName + ":" + nameof(EndpointHost);

    /// <summary>The resource's immutable id (a GUID). Generated (and kept in the data directory) when absent.</summary>
    public string? Id { get; set; }

    /// <summary>Base64 access key of the connection string. Generated (and kept in the data directory) when absent.</summary>
    public string? AccessKey { get; set; }

    /// <summary>Data location, as in the token's <c>resourceLocation</c> claim. Default <c>unitedstates</c>.</summary>
    public string Location { get; set; } = "unitedstates";

    /// <summary>
    /// Accept a <see cref="Location"/> that is not a known ACS data location (its <c>rgn</c> claim is then <c>amer</c>
    /// unless <c>Tokens:Region</c> is set). Default <c>false</c>: an unknown location is refused at start.
    /// </summary>
    public bool AllowCustomLocation { get; set; }

    /// <summary>Host name shown in connection strings and error messages. Default: <c>localhost</c>.</summary>
    public string EndpointHost { get; set; } = "localhost";


    /// <summary>Every problem with the raw <c>Resource</c> settings, each naming the key and the accepted values (never the access key itself).</summary>
    public static IReadOnlyList<string> Validate(IConfiguration configuration)
    {
        var errors = new List<string>();
        var resourceId = configuration[IdKey];
        if (!string.IsNullOrEmpty(resourceId) && !Guid.TryParseExact(resourceId, "D", out _))
        {
            errors.Add($"{IdKey} '{resourceId}' is invalid: use a GUID such as 2b236b8e-e9b7-4be0-8757-b43061a56d37.");
        }

        var key = configuration[AccessKeyKey];
        if (!string.IsNullOrEmpty(key) && !IsBase64(key))
        {
            errors.Add($"{AccessKeyKey} is invalid: use a non-empty base64 string (the value is not shown).");
        }

        SettingChecks.Bool(configuration, AllowCustomLocationKey, errors);
        var location = configuration[LocationKey];
        var allowCustom = bool.TryParse(configuration[AllowCustomLocationKey], out var custom) && custom;
        if (location is not null && (location.Length == 0 || !location.All(char.IsAsciiLetterOrDigit)))
        {
            errors.Add($"{LocationKey} '{location}' is invalid: use a location name of letters and digits such as {string.Join(", ", Regions.KnownLocations)}.");
        }
        else if (location is not null && !allowCustom && !Regions.IsKnown(location))
        {
            errors.Add($"{LocationKey} '{location}' is not a known ACS data location: use one of {string.Join(", ", Regions.KnownLocations)}, or set {AllowCustomLocationKey}=true to use it anyway (its rgn claim is then amer unless {TokenOptions.RegionKey} is set).");
        }

        var host = configuration[EndpointHostKey];
        if (host is not null && Uri.CheckHostName(host) == UriHostNameType.Unknown)
        {
            errors.Add($"{EndpointHostKey} '{host}' is invalid: use a host name or IP address without scheme or port.");
        }

        return errors;
    }

    /// <summary>Whether <paramref name="value"/> is base64 that decodes to at least one byte, as an access key must.</summary>
    public static bool IsBase64(string value)
    {
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out var written) && written > 0;
    }
}
