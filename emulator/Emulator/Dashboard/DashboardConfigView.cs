namespace Emulator.Dashboard;

/// <summary>
/// Answer of <c>GET /emulator/ui/config</c>: the configuration at a glance for the dashboard. Never the access key
/// (the page shows no connection string).
/// </summary>
internal sealed record DashboardConfigView(
    string ResourceId,
    string Location,
    IReadOnlyDictionary<string, string> Endpoints,
    string[] ApiVersions,
    string LatestApiVersion,
    string UnknownApiVersions,
    string AccessKey,
    string[] AuthenticationSchemes,
    string BearerValidation,
    int ClockSkewMinutes,
    int JournalCapacity,
    string AccessLog,
    string Version);
