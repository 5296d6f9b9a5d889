namespace Emulator.Hosting;

/// <summary>
/// Every setting, in the order of the README's Configuration table. The command-line shortcuts, <c>--help</c> and the
/// check of unknown keys all come from this one table, and a test compares it with the README row by row.
/// </summary>
public static class Settings
{
    public static readonly IReadOnlyList<Setting> All =
    [
        new("Server:HttpPort", "--port", "`8080`", "HTTP port; `0` picks a free one (the banner and `/emulator/info` show it)."),
        new("Server:HttpsPort", "--https-port", "`8443`", "HTTPS port; `0` picks a free one; `-1` turns HTTPS off."),
        new("Server:ListenAddress", "--listen", "`localhost`", "`localhost`, `*` / `0.0.0.0` (all interfaces), `::`, or an IP address."),
        new("Server:DataDirectory", "--data-dir", "`~/.local/share/acs-identity-emulator`", "Where the generated access key, resource id, signing key and certificate are kept, so restarts keep connection strings and certificates valid (identities too with `Server:PersistState`). `none` keeps everything in memory."),
        new("Server:CertificatePath", "--certificate", "generated", "A PFX or PEM certificate for HTTPS."),
        new("Server:CertificateKeyPath", null, "", "The PEM private key, when not in `CertificatePath`."),
        new("Server:CertificatePassword", null, "", "Password of the PFX / encrypted PEM."),
        new("Server:MaxRequestBodyBytes", null, "`65536`", "Largest body of the emulated API, 1024 to 16777216; larger bodies get `413 RequestEntityTooLarge`."),
        new("Server:MaxAdminRequestBodyBytes", null, "`1048576`", "Largest body of the `/emulator/*` routes, 1024 to 16777216; larger bodies get a 413 problem."),
        new("Resource:AccessKey", "--access-key", "generated (64 random bytes)", "Base64 key of the connection string."),
        new("Resource:Id", "--resource-id", "generated GUID", "The resource's immutable id, in identity ids and tokens."),
        new("Resource:Location", "--location", "`unitedstates`", "`resourceLocation` claim; `rgn` is derived (`amer`, `ca`, `au`, `apac`, `emea`). One of `unitedstates`, `canada`, `brazil`, `australia`, `asiapacific`, `japan`, `korea`, `india`, `europe`, `uk`, `france`, `germany`, `switzerland`, `norway`, `uae`, `africa` (any case); anything else is refused at start unless `Resource:AllowCustomLocation` is `true`."),
        new("Resource:AllowCustomLocation", null, "`false`", "`true` accepts a `Resource:Location` that is not a known ACS data location (letters and digits); its `rgn` is `amer` unless `Tokens:Region` is set."),
        new("Resource:EndpointHost", "--endpoint-host", "`localhost`", "Host name in connection strings, error messages and the certificate."),
        new("Tokens:SigningKeyPath", "--signing-key", "generated RSA-2048", "PFX, or PEM with an RSA private key (and optionally its certificate)."),
        new("Tokens:SigningKeyPassword", null, "", "Its password."),
        new("Tokens:Region", null, "from `Resource:Location`", "The `rgn` claim."),
        new("ApiVersions:UnknownVersions", "--unknown-api-versions", "`Reject`", "`Reject` (as live) or `ServeLatest`."),
        new("Authentication:Authority", "--authority", "none", "OpenID authority for bearer and Teams tokens; none = accept well-formed unexpired JWTs."),
        new("Authentication:Audiences", null, "ACS audiences", "Accepted `aud` of bearer tokens."),
        new("Authentication:TeamsAudiences", null, "`https://auth.msft.communication.azure.com`, ACS", "Accepted `aud` of Teams user tokens (with an authority)."),
        new("Authentication:RequireHttpsMetadata", null, "`true`", "Whether the authority must be https."),
        new("Authentication:ClockSkewMinutes", null, "`5`", "HMAC date window."),
        new("Server:PersistState", null, "`false`", "Keep identities, revocations, assignments and the clock offset in `state.json` in the data directory across restarts."),
        new("Server:PersistIntervalMilliseconds", null, "`1000`", "Longest time between a change and its write to `state.json` (50 to 3600000)."),
        new("Throttling:Mode", "--throttle", "`Off`", "`Live` applies the published limits (429 with `Retry-After`)."),
        new("Throttling:WindowSeconds", null, "`30`", "The sliding window."),
        new("Throttling:CreateIdentity`, `CreateIdentityWithToken`, `IssueAccessToken", null, "`1000` each", "Requests per window."),
        new("Throttling:DeleteIdentity`, `RevokeAccessTokens`, `ExchangeAccessToken", null, "`500` each", "Requests per window (`ExchangeAccessToken`: each exchange)."),
        new("Faults:Rules:N:…", null, "none", "Fault rules loaded at start (members as in `POST /emulator/faults`)."),
        new("Snapshots:Import", "--import", "none", "A snapshot to load at start."),
        new("Snapshots:ExportOnExit", "--export-on-exit", "none", "Where to write a snapshot on a clean shutdown."),
        new("Journal:Capacity", null, "`1000`", "Requests kept by the request journal; `0` turns it off."),
        new("Logging:AccessLog", null, "`On`", "Console access log: `Off`, `On` (one line per request) or `Verbose` (with redacted headers); the flag `--quiet` is `Off`, `--verbose` is `Verbose`."),
        new("Admin:RemoteAccess", "--admin-remote", "`Key`", "Who may call the `/emulator/` routes other than health, certificate, JWKS, discovery and token validation from a non-loopback address: `Key` (callers that send the access key in `x-emulator-access-key`) or `Open` (anyone: only on a trusted network)."),
    ];

    /// <summary>Sections whose keys are all in <see cref="All"/>: an unknown key in one of them is a typo.</summary>
    /// <remarks><c>Logging</c> is the host's own section (<c>Logging:LogLevel:…</c>): only its <c>AccessLog</c> key is ours.</remarks>
    public static readonly IReadOnlySet<string> Sections = All.Select(s => s.Keys[0].Split(':')[0]).Where(s => s != "Logging").ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>The setting with this key (case-insensitive, as configuration keys are), or null.</summary>
    public static Setting? Find(string key) => All.FirstOrDefault(s => s.Keys.Any(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase)));

    /// <summary>The setting with this shortcut, e.g. <c>--port</c> (case-insensitive, as the configuration provider matches them), or null.</summary>
    public static Setting? FindShortcut(string shortcut) => All.FirstOrDefault(s => string.Equals(s.Shortcut, shortcut, StringComparison.OrdinalIgnoreCase));
}
