using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Emulator.Testing;

/// <summary>How <see cref="AcsIdentityEmulator.StartAsync(AcsIdentityEmulatorOptions?, CancellationToken)"/> starts the emulator.</summary>
public sealed class AcsIdentityEmulatorOptions
{
    /// <summary>Where the emulator runs: in the test process (default) or as the Native AOT binary in a child process.</summary>
    public AcsIdentityEmulatorMode Mode { get; set; } = AcsIdentityEmulatorMode.InProcess;

    /// <summary>
    /// <see cref="AcsIdentityEmulatorMode.NativeProcess"/>: the emulator binary to run. Default null: the path in the
    /// environment variable <c>ACS_IDENTITY_EMULATOR_EXECUTABLE</c>, else the linux-x64 binary this package carries
    /// (<c>runtimes/linux-x64/native/Emulator</c> under the test's output folder).
    /// </summary>
    public string? ExecutablePath { get; set; }

    /// <summary>
    /// <see cref="AcsIdentityEmulatorMode.NativeProcess"/>: whether a disposed emulator's process is reset (identities,
    /// revocations, Teams-extension assignments, clock offset, fault rules, throttling windows, request journal) and
    /// kept for the next start with the same options in this test process, so that later starts take milliseconds.
    /// Its ports then stay bound until the test process ends. Default true; false stops the process on dispose.
    /// Emulators that set <c>Faults:</c>, <c>Snapshots:</c>, <c>Server:DataDirectory</c> or <c>Server:PersistState</c>
    /// in <see cref="Settings"/> are never reused (a reset would lose what they loaded).
    /// </summary>
    public bool ReuseNativeProcess { get; set; } = true;

    /// <summary><see cref="AcsIdentityEmulatorMode.NativeProcess"/>: how long to wait for the process to print its connection strings. Default 30 seconds.</summary>
    public TimeSpan NativeStartTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>HTTP port. Default 0: a free port, picked at start.</summary>
    public int HttpPort { get; set; }

    /// <summary>Whether the emulator also listens on HTTPS (with its self-signed certificate). Default true.</summary>
    public bool EnableHttps { get; set; } = true;

    /// <summary>HTTPS port when <see cref="EnableHttps"/> is on. Default 0: a free port, picked at start.</summary>
    public int HttpsPort { get; set; }

    /// <summary>Base64 access key of the connection strings. Default: a random key for each emulator.</summary>
    public string? AccessKey { get; set; }

    /// <summary>The resource's immutable id (a GUID). Default: a random one for each emulator.</summary>
    public string? ResourceId { get; set; }

    /// <summary>
    /// The clock the emulator lives by, e.g. a <c>FakeTimeProvider</c>. Default: the system clock. Token lifetimes
    /// follow it (plus the offset set by <see cref="AcsIdentityEmulator.AdvanceClock"/>), and so do the HMAC date
    /// window and Entra token expiry, so a client signing with the real time needs a fake clock near real time.
    /// In-process mode only: <see cref="AcsIdentityEmulatorMode.NativeProcess"/> refuses it.
    /// </summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>
    /// OpenID authority whose discovery document (<c>{authority}/.well-known/openid-configuration</c>) and JWKS validate
    /// Entra ID bearer tokens and Teams user tokens. Default none: any well-formed, unexpired JWT is accepted.
    /// </summary>
    public string? Authority { get; set; }

    /// <summary>Whether the authority's metadata must be fetched over HTTPS. Default true; set false for a local stub over http.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>Accepted <c>aud</c> values of bearer tokens. Default (empty): the ACS audiences the SDKs request.</summary>
    public IList<string> Audiences { get; } = [];

    /// <summary>Accepted <c>aud</c> values of Teams user tokens. Default (empty): the ACS Teams audiences.</summary>
    public IList<string> TeamsAudiences { get; } = [];

    /// <summary>Any other emulator setting by configuration key, e.g. <c>["Resource:Location"] = "europe"</c>. Applied last.</summary>
    public IDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Folder where the emulator keeps its token signing key between test processes, so that only the first process
    /// on a machine pays for RSA-2048 key generation (0.1-1 s of CPU); later ones load the key in a few milliseconds.
    /// Default: <c>acs-identity-emulator/testing</c> in the user's cache folder (<c>$XDG_CACHE_HOME</c> or
    /// <c>~/.cache</c>; LocalApplicationData on Windows), created for the user alone (0700, the key file 0600); a file
    /// that others can read or write, a damaged one or one expiring within 30 days is not used (and is replaced).
    /// Null or empty: a new key in every test process, as the emulator does without a data directory. Not used when
    /// <see cref="Settings"/> sets <c>Tokens:SigningKeyPath</c> or <c>Server:DataDirectory</c>. Both modes use it; in
    /// <see cref="AcsIdentityEmulatorMode.NativeProcess"/> mode the fixture generates the cached key itself when there is none.
    /// </summary>
    public string? SigningKeyCacheDirectory { get; set; } = SigningKeyCache.DefaultDirectory();

    /// <summary>
    /// Logging of the emulator. Default null: no log output (test output stays clean). Set e.g.
    /// <c>logging =&gt; logging.AddConsole()</c> to see the emulator's log. In-process mode only:
    /// <see cref="AcsIdentityEmulatorMode.NativeProcess"/> refuses it (the child's last output lines, warnings and errors
    /// included, are in the exception when its start fails).
    /// </summary>
    public Action<ILoggingBuilder>? Logging { get; set; }

    /// <summary>Last word on the emulator's host before it is built: register services, add configuration. In-process mode only.</summary>
    public Action<WebApplicationBuilder>? ConfigureBuilder { get; set; }
}
