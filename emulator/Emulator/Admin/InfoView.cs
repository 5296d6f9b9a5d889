namespace Emulator.Admin;

/// <summary>Answer of <c>GET /emulator/info</c>: everything a client or test fixture needs to connect.</summary>
public sealed record InfoView(
    string ResourceId,
    string Location,
    string AccessKey,
    IReadOnlyDictionary<string, string> Endpoints,
    IReadOnlyDictionary<string, string> ConnectionStrings,
    string[] ApiVersions,
    DateTimeOffset Now,
    string Version);
