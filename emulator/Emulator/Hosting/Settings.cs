using Emulator.Configuration;
using Emulator.Faults;
using Emulator.Journal;
using Emulator.Snapshots;
using Emulator.Throttling;

namespace Emulator.Hosting;

/// <summary>
/// Every setting, in the order of the README's Configuration table. The command-line shortcuts, <c>--help</c> and the
/// check of unknown keys all come from this one table, and a test compares it with the README row by row.
/// </summary>
internal static class Settings
{
    public static readonly IReadOnlyList<Setting> All =
    [
        new(ServerOptions.HttpPortKey, "--port", "`8080`", "HTTP port; `0` picks a free one (the banner and `/emulator/info` show it)."),
        new(ServerOptions.HttpsPortKey, "--https-port", "`8443`", "HTTPS port; `0` picks a free one; `-1` turns HTTPS off."),
        new(ServerOptions.ListenAddressKey, "--listen", "`localhost`", "`localhost`, `*` / `0.0.0.0` (all interfaces), `::`, or an IP address."),
        new(ServerOptions.DataDirectoryKey, "--data-dir", "`~/.local/share/acs-identity-emulator`", $"Where the generated access key, resource id, signing key and certificate are kept, so restarts keep connection strings and certificates valid (identities too with `{PersistenceOptions.PersistStateKey}`). `none` keeps everything in memory."),
        new(ServerOptions.CertificatePathKey, "--certificate", "generated", "A PFX or PEM certificate for HTTPS."),
        new(ServerOptions.CertificateKeyPathKey, null, "", "The PEM private key, when not in `CertificatePath`."),
        new(ServerOptions.CertificatePasswordKey, null, "", "Password of the PFX / encrypted PEM."),
        new(ServerOptions.MaxRequestBodyBytesKey, null, "`65536`", "Largest body of the emulated API, 1024 to 16777216; larger bodies get `413 RequestEntityTooLarge`."),
        new(ServerOptions.MaxAdminRequestBodyBytesKey, null, "`1048576`", "Largest body of the `/emulator/*` routes, 1024 to 16777216; larger bodies get a 413 problem."),
        new(ServerOptions.ExitWhenStdinClosesKey, null, "`false`", "`true` stops the emulator when its standard input reaches end of file (the parent closed the pipe or died); the test fixture's native mode sets it."),
        new(ResourceOptions.AccessKeyKey, "--access-key", "generated (64 random bytes)", "Base64 key of the connection string."),
        new(ResourceOptions.IdKey, "--resource-id", "generated GUID", "The resource's immutable id, in identity ids and tokens."),
        new(ResourceOptions.LocationKey, "--location", "`unitedstates`", $"`resourceLocation` claim; `rgn` is derived (`amer`, `ca`, `au`, `apac`, `emea`). One of `unitedstates`, `canada`, `brazil`, `australia`, `asiapacific`, `japan`, `korea`, `india`, `europe`, `uk`, `france`, `germany`, `switzerland`, `norway`, `uae`, `africa` (any case); anything else is refused at start unless `{ResourceOptions.AllowCustomLocationKey}` is `true`."),
        new(ResourceOptions.AllowCustomLocationKey, null, "`false`", $"`true` accepts a `{ResourceOptions.LocationKey}` that is not a known ACS data location (letters and digits); its `rgn` is `amer` unless `{TokenOptions.RegionKey}` is set."),
        new(ResourceOptions.EndpointHostKey, "--endpoint-host", "`localhost`", "Host name in connection strings, error messages and the certificate."),
        new(TokenOptions.SigningKeyPathKey, "--signing-key", "generated RSA-2048", "PFX, or PEM with an RSA private key (and optionally its certificate)."),
        new(TokenOptions.SigningKeyPasswordKey, null, "", "Its password."),
        new(TokenOptions.RegionKey, null, $"from `{ResourceOptions.LocationKey}`", "The `rgn` claim."),
        new(ApiVersionOptions.UnknownVersionsKey, "--unknown-api-versions", "`Reject`", "`Reject` (as live) or `ServeLatest`."),
        new(AuthenticationOptions.AuthorityKey, "--authority", "none", "OpenID authority for bearer and Teams tokens; none = accept well-formed unexpired JWTs."),
        new(AuthenticationOptions.AudiencesKey, null, "ACS audiences", "Accepted `aud` of bearer tokens."),
        new(AuthenticationOptions.TeamsAudiencesKey, null, "`https://auth.msft.communication.azure.com`, ACS", "Accepted `aud` of Teams user tokens (with an authority)."),
        new(AuthenticationOptions.RequireHttpsMetadataKey, null, "`true`", "Whether the authority must be https."),
        new(AuthenticationOptions.ClockSkewMinutesKey, null, "`5`", "HMAC date window."),
        new(PersistenceOptions.PersistStateKey, null, "`false`", "Keep identities, revocations, assignments and the clock offset in `state.json` in the data directory across restarts."),
        new(PersistenceOptions.PersistIntervalMillisecondsKey, null, "`1000`", "Longest time between a change and its write to `state.json` (50 to 3600000)."),
        new(ThrottlingOptions.ModeKey, "--throttle", "`Off`", "`Live` applies the published limits (429 with `Retry-After`)."),
        new(ThrottlingOptions.WindowSecondsKey, null, "`30`", "The sliding window."),
        new(Several(ThrottlingOptions.SectionName, nameof(ThrottlingOptions.CreateIdentity), nameof(ThrottlingOptions.CreateIdentityWithToken), nameof(ThrottlingOptions.IssueAccessToken)), null, "`1000` each", "Requests per window."),
        new(Several(ThrottlingOptions.SectionName, nameof(ThrottlingOptions.DeleteIdentity), nameof(ThrottlingOptions.RevokeAccessTokens), nameof(ThrottlingOptions.ExchangeAccessToken)), null, "`500` each", "Requests per window (`ExchangeAccessToken`: each exchange)."),
        new(FaultsFeature.RulesKey + ":N:…", null, "none", "Fault rules loaded at start (members as in `POST /emulator/faults`)."),
        new(SnapshotOptions.ImportKey, "--import", "none", "A snapshot to load at start."),
        new(SnapshotOptions.ExportOnExitKey, "--export-on-exit", "none", "Where to write a snapshot on a clean shutdown."),
        new(JournalSettings.CapacityKey, null, "`1000`", "Requests kept by the request journal; `0` turns it off."),
        new(JournalSettings.AccessLogKey, null, "`On`", "Console access log: `Off`, `On` (one line per request) or `Verbose` (with redacted headers); the flag `--quiet` is `Off`, `--verbose` is `Verbose`."),
        new(AdminOptions.RemoteAccessKey, "--admin-remote", "`Key`", "Who may call the `/emulator/` routes other than health, certificate, JWKS, discovery and token validation from a non-loopback address: `Key` (callers that send the access key in `x-emulator-access-key`) or `Open` (anyone: only on a trusted network)."),
    ];

    /// <summary>A row for several keys of one section: <c>Section:A`, `B</c> (the README cell lists them as code).</summary>
    private static string Several(string section, params string[] names) => $"{section}:{string.Join("`, `", names)}";

    /// <summary>Sections whose keys are all in <see cref="All"/>: an unknown key in one of them is a typo.</summary>
    /// <remarks><c>Logging</c> is the host's own section (<c>Logging:LogLevel:…</c>): only its <c>AccessLog</c> key is ours.</remarks>
    public static readonly IReadOnlySet<string> Sections = All.Select(s => s.Keys[0].Split(':')[0]).Where(s => s != "Logging").ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>The setting with this key (case-insensitive, as configuration keys are), or null.</summary>
    public static Setting? Find(string key) => All.FirstOrDefault(s => s.Keys.Any(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase)));

    /// <summary>The setting with this shortcut, e.g. <c>--port</c> (case-insensitive, as the configuration provider matches them), or null.</summary>
    public static Setting? FindShortcut(string shortcut) => All.FirstOrDefault(s => string.Equals(s.Shortcut, shortcut, StringComparison.OrdinalIgnoreCase));
}
