namespace Emulator.Configuration;

/// <summary>The emulated ACS resource. Section <c>Resource</c>.</summary>
public sealed class ResourceOptions
{
    public const string SectionName = "Resource";

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
}
