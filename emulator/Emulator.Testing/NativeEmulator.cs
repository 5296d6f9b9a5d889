using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using Emulator.Configuration;
using Emulator.Faults;
using Emulator.Hosting;
using Emulator.Journal;
using Emulator.Snapshots;
using Emulator.Tokens;

namespace Emulator.Testing;

/// <summary>
/// <see cref="AcsIdentityEmulatorMode.NativeProcess"/>: the emulator as a Native AOT child process, driven through its
/// <c>/emulator/*</c> routes. On dispose a healthy process is reset and kept for the next start with the same options
/// (<see cref="AcsIdentityEmulatorOptions.ReuseNativeProcess"/>).
/// </summary>
internal sealed class NativeEmulator : IEmulatorBackend
{
    // Settings whose effect a reset would undo (loaded rules, state, files): such processes are never reused.
    private static readonly string[] NotReusable = [FaultsFeature.RulesKey, SnapshotOptions.SectionName + ":", ServerOptions.DataDirectoryKey, PersistenceOptions.PersistStateKey];

    // The cached key file, checked (loaded) once per folder and process rather than at every start.
    private static readonly ConcurrentDictionary<string, string?> KeyFiles = new(StringComparer.Ordinal);

    // An empty folder for the children's SSL_CERT_DIR (see Environment), made once per test process.
    private static readonly Lazy<string?> EmptyTrustStore = new(() =>
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        var directory = Directory.CreateTempSubdirectory("acs-emulator-no-roots-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(directory);
            }
            catch (IOException)
            {
                // Left in the temporary folder: it is empty.
            }
        };
        return directory;
    });

    private readonly NativeEmulatorProcess _process;
    private readonly string? _poolKey;
    private (X509Certificate2 Certificate, string Pem)? _certificate;
    private int _disposed;

    private NativeEmulator(NativeEmulatorProcess process, string? poolKey)
    {
        _process = process;
        _poolKey = poolKey;
    }

    public NativeBanner Banner => _process.Banner;

    /// <summary>The child's process id (tests check that it ends).</summary>
    internal int ProcessId => _process.ProcessId;

    public X509Certificate2? Certificate => CertificateAndPem()?.Certificate;

    public string? CertificatePem => CertificateAndPem()?.Pem;

    public DateTimeOffset Now => _process.Admin.Clock().Now;

    public TimeSpan ClockOffset => _process.Admin.Clock().Offset;

    public IServiceProvider Services => throw new InvalidOperationException(
        $"{nameof(AcsIdentityEmulator.Services)} is not available in {nameof(AcsIdentityEmulatorMode.NativeProcess)} mode: the emulator runs in a child process. "
        + $"Use {nameof(AcsIdentityEmulatorMode.InProcess)} mode (the default) to reach its services.");

    public static async Task<NativeEmulator> StartAsync(AcsIdentityEmulatorOptions options, CancellationToken cancellationToken)
    {
        RefuseInProcessOnlyOptions(options);
        var executable = NativeExecutable.Locate(options.ExecutablePath);
        var keyCache = FixtureSettings.KeyCacheDirectory(options);
        var (cachedKey, keyCheck) = keyCache is null ? (null, null) : CachedKey(keyCache);
        var arguments = Arguments(options, cachedKey);
        var reusable = options.ReuseNativeProcess && !options.Settings.Any(s => s.Value is not null && NotReusable.Any(k => s.Key.StartsWith(k, StringComparison.OrdinalIgnoreCase)));
        string? PoolKey() => reusable ? string.Join('\0', arguments.Prepend(executable)) : null;
        if (PoolKey() is { } key && NativeEmulatorPool.TryTake(key) is { } idle)
        {
            return new NativeEmulator(idle, key);
        }

        var listen = options.Settings.TryGetValue(ServerOptions.ListenAddressKey, out var address) && address is not null ? address : "localhost";
        var adminAddress = ListenAddress.TryParse(listen, out var parsed) ? parsed.LocalAddress : System.Net.IPAddress.Loopback; // an invalid one fails the child's start
        Task<NativeEmulatorProcess> Start() => NativeEmulatorProcess.StartAsync(executable, arguments, Environment(options), adminAddress, options.NativeStartTimeout, cancellationToken);
        var starting = Start();
        if (keyCheck is not null && !await keyCheck.ConfigureAwait(false))
        {
            // The cached file turned out unusable (damaged, or near its expiry) while the child started with it: stop
            // that child, whatever became of it, and start again with a new key.
            await DiscardAsync(starting).ConfigureAwait(false);
            arguments = Arguments(options, KeyFiles[keyCache!] = CreateCachedKey(keyCache!));
            starting = Start();
        }

        return new NativeEmulator(await starting.ConfigureAwait(false), PoolKey());
    }

    public void Reset() => _process.Admin.Reset();

    public async ValueTask ResetAsync() => await _process.Admin.ResetAsync().ConfigureAwait(false);

    public void AdvanceClock(TimeSpan by) => _process.Admin.AdvanceClock(by);

    public void SetClockOffset(TimeSpan offset) => _process.Admin.SetClockOffset(offset);

    public TokenValidationResult ValidateToken(string token) => string.IsNullOrEmpty(token)
        ? TokenValidationResult.Create(false, TokenRejection.Malformed, "The value is not a JWS compact token.", null, null, null, null) // the route refuses an empty token; the validator calls it malformed
        : _process.Admin.ValidateToken(token);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_poolKey is not null && !_process.HasExited && await TryResetForReuseAsync().ConfigureAwait(false))
        {
            NativeEmulatorPool.Return(_poolKey, _process);
            return;
        }

        await _process.StopAsync().ConfigureAwait(false);
    }

    private async Task<bool> TryResetForReuseAsync()
    {
        try
        {
            await _process.Admin.ResetAsync().ConfigureAwait(false);
            return await _process.Admin.ClearForReuseAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or TaskCanceledException)
        {
            return false; // not answering as it should: stop it rather than hand it to the next test
        }
    }

    private (X509Certificate2 Certificate, string Pem)? CertificateAndPem()
    {
        if (Banner.HttpsConnectionString is null)
        {
            return null;
        }

        return _certificate ??= _process.Admin.Certificate();
    }

    /// <summary>
    /// Without an OpenID authority the child makes no outgoing TLS connection, so it needs no trust store: an empty one
    /// spares it reading the system's (about 100-150 ms of its start, spent by Kestrel's HTTPS set-up building the
    /// certificate's chain). With an authority it keeps the system store, to fetch the metadata over HTTPS.
    /// </summary>
    private static Dictionary<string, string> Environment(AcsIdentityEmulatorOptions options)
    {
        var authority = options.Settings.TryGetValue(AuthenticationOptions.AuthorityKey, out var set) ? set : options.Authority;
        return string.IsNullOrEmpty(authority) && EmptyTrustStore.Value is { } empty
            ? new() { ["SSL_CERT_DIR"] = empty, ["SSL_CERT_FILE"] = "/dev/null" }
            : [];
    }

    /// <summary>The command line: every setting as <c>--Key=value</c>, the signing key from the per-user cache.</summary>
    private static List<string> Arguments(AcsIdentityEmulatorOptions options, string? cachedKey)
    {
        var settings = FixtureSettings.From(options, cachedKey,
        [
            new(ServerOptions.ExitWhenStdinClosesKey, "true"),
            new(JournalSettings.AccessLogKey, "Off"),
            new("Logging:LogLevel:Default", "Warning"),
        ]);
        return [.. settings.Where(s => s.Value is not null).OrderBy(s => s.Key, StringComparer.OrdinalIgnoreCase).Select(s => $"--{s.Key}={s.Value}")];
    }

    /// <summary>
    /// The cached key file for the child, checked once per folder and process. Loading it to check it takes the test
    /// process 50-100 ms (the PKCS#12 loader's first use), so a file that is there and private is passed at once and
    /// checked while the child starts (<c>Check</c>: false means start again with a new key). No file: one is made now.
    /// </summary>
    private static (string? Path, Task<bool>? Check) CachedKey(string directory)
    {
        if (KeyFiles.TryGetValue(directory, out var known) && known is not null && File.Exists(known))
        {
            return (known, null);
        }

        if (SigningKeyCache.Candidate(directory) is { } candidate)
        {
            return (candidate, Task.Run(() => (KeyFiles[directory] = SigningKeyCache.TryFind(directory)) is not null));
        }

        return (KeyFiles[directory] = CreateCachedKey(directory), null);
    }

    private static async Task DiscardAsync(Task<NativeEmulatorProcess> starting)
    {
        try
        {
            await (await starting.ConfigureAwait(false)).StopAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is EmulatorConfigurationException or InvalidOperationException or TimeoutException)
        {
            // It did not start (a damaged key fails its start): nothing to stop.
        }
    }

    /// <summary>No usable cached key yet: make one now and save it, so this and every later process load it; null if it cannot be saved.</summary>
    private static string? CreateCachedKey(string directory)
    {
        using var certificate = SigningKeys.GenerateCertificate();
        return SigningKeyCache.TrySave(directory, certificate) ? SigningKeyCache.TryFind(directory) : null;
    }

    private static void RefuseInProcessOnlyOptions(AcsIdentityEmulatorOptions options)
    {
        var why = new List<string>();
        if (options.TimeProvider is not null)
        {
            why.Add($"{nameof(options.TimeProvider)} (a clock object cannot drive another process; use AdvanceClock / SetClockOffset)");
        }

        if (options.Logging is not null)
        {
            why.Add($"{nameof(options.Logging)} (the child process logs to its own output)");
        }

        if (options.ConfigureBuilder is not null)
        {
            why.Add($"{nameof(options.ConfigureBuilder)} (there is no host builder in this process)");
        }

        if (why.Count > 0)
        {
            throw new ArgumentException(
                $"{nameof(AcsIdentityEmulatorMode.NativeProcess)} mode cannot use {string.Join(", ", why)}. Leave them unset, or use {nameof(AcsIdentityEmulatorMode.InProcess)} mode.",
                nameof(options));
        }
    }
}
