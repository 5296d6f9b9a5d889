namespace Emulator.Admin;

/// <summary>
/// Answer of <c>GET /emulator/info</c>: everything a client or test fixture needs to connect.
/// <see cref="RequestConnectionString"/> uses the scheme and host the request came in on, so it is right behind a
/// port mapping (a container published on other host ports), where the bound ports in <see cref="ConnectionStrings"/> are not.
/// </summary>
internal sealed record InfoView(
    string ResourceId,
    string Location,
    string AccessKey,
    IReadOnlyDictionary<string, string> Endpoints,
    IReadOnlyDictionary<string, string> ConnectionStrings,
    string RequestConnectionString,
    string[] ApiVersions,
    DateTimeOffset Now,
    string Version);
