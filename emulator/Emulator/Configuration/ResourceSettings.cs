namespace Emulator.Configuration;

/// <summary>
/// The emulated resource as resolved at start: configured values, or generated ones kept in the data directory. The
/// ids of its identities are formatted by <c>Identities/IdentityId</c>.
/// </summary>
internal sealed record ResourceSettings(string ResourceId, string AccessKey, string Location, string Region, string EndpointHost, bool AccessKeyGenerated);
