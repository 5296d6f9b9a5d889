namespace Emulator.Configuration;

/// <summary>The emulated resource as resolved at start: configured values, or generated ones kept in the data directory.</summary>
public sealed record ResourceSettings(string ResourceId, string AccessKey, string Location, string Region, string EndpointHost, bool AccessKeyGenerated)
{
    /// <summary>Prefix of every identity id of this resource: <c>8:acs:&lt;resourceId&gt;_</c>.</summary>
    public string IdentityPrefix { get; } = $"8:acs:{ResourceId}_";
}
