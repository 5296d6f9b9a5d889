using System.Globalization;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Emulator.Admin;
using Emulator.Configuration;
using Emulator.Hosting;
using Emulator.Identities;
using Emulator.Infrastructure;
using Emulator.Tokens;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Emulator.Testing;

/// <summary>
/// The ACS Identity emulator running in the test process on its own ports, keeping its state in memory (only its token
/// signing key is cached on disk, see <see cref="AcsIdentityEmulatorOptions.SigningKeyCacheDirectory"/>).
/// Start one with <see cref="StartAsync(AcsIdentityEmulatorOptions?, CancellationToken)"/>, point the SDK (or your code)
/// at <see cref="ConnectionString"/>, and dispose it when done.
/// </summary>
public sealed class AcsIdentityEmulator : IAsyncDisposable
{
    /// <summary>Clock skew (minutes) allowed for signed requests when a custom <see cref="TimeProvider"/> drives the emulator.</summary>
    private const string WideClockSkewMinutes = "1440";

    private readonly WebApplication _app;
    private readonly EmulatorClock _clock;
    private readonly EmulatorReset _reset;
    private readonly HttpsCertificate? _certificate;
    private int _disposed;

    private AcsIdentityEmulator(WebApplication app, bool https)
    {
        _app = app;
        var services = app.Services;
        _clock = services.GetRequiredService<EmulatorClock>();
        _reset = services.GetRequiredService<EmulatorReset>();
        var resource = services.GetRequiredService<ResourceSettings>();
        var endpoints = services.GetRequiredService<BoundUrls>();
        AccessKey = resource.AccessKey;
        ResourceId = resource.ResourceId;
        Endpoint = new Uri(endpoints.Http ?? throw new InvalidOperationException("The emulator started without an HTTP endpoint."));
        ConnectionString = endpoints.ConnectionString(endpoints.Http);
        if (https && endpoints.Https is { } httpsUrl)
        {
            _certificate = services.GetRequiredService<HttpsCertificate>();
            HttpsEndpoint = new Uri(httpsUrl);
            HttpsConnectionString = endpoints.ConnectionString(httpsUrl);
        }
    }

    /// <summary>The HTTP endpoint, e.g. <c>http://localhost:41234/</c>.</summary>
    public Uri Endpoint { get; }

    /// <summary>The HTTPS endpoint, or null when HTTPS is off.</summary>
    public Uri? HttpsEndpoint { get; }

    /// <summary><c>endpoint=http://localhost:&lt;port&gt;/;accesskey=&lt;key&gt;</c>, for the SDK clients.</summary>
    public string ConnectionString { get; }

    /// <summary>The HTTPS connection string, or null when HTTPS is off. Clients must trust <see cref="Certificate"/>.</summary>
    public string? HttpsConnectionString { get; }

    /// <summary>The base64 access key requests are signed with.</summary>
    public string AccessKey { get; }

    /// <summary>The resource id (GUID): identities are <c>8:acs:&lt;ResourceId&gt;_&lt;guid&gt;</c>.</summary>
    public string ResourceId { get; }

    /// <summary>The self-signed HTTPS certificate, or null when HTTPS is off.</summary>
    public X509Certificate2? Certificate => _certificate?.Certificate;

    /// <summary>The HTTPS certificate as PEM (e.g. for <c>NODE_EXTRA_CA_CERTS</c>), or null when HTTPS is off.</summary>
    public string? CertificatePem => _certificate?.Pem;

    /// <summary>The emulated time: the emulator's clock plus the offset set by <see cref="AdvanceClock"/> / <see cref="SetClockOffset"/>.</summary>
    public DateTimeOffset Now => _clock.GetUtcNow();

    /// <summary>The current offset of the emulated clock from the emulator's base clock.</summary>
    public TimeSpan ClockOffset => _clock.Offset;

    /// <summary>The emulator's services, for what this class does not expose.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Builds and starts an emulator. Its ports are bound when this returns.</summary>
    /// <exception cref="EmulatorConfigurationException">An option is invalid; the message lists every invalid setting.</exception>
    public static async Task<AcsIdentityEmulator> StartAsync(AcsIdentityEmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new AcsIdentityEmulatorOptions();
        var keyCache = KeyCacheDirectory(options);
        var cachedKey = keyCache is null ? null : SigningKeyCache.TryFind(keyCache);
        var app = EmulatorApp.Create([], builder => Configure(builder, options, cachedKey));
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var keys = app.Services.GetRequiredService<SigningKeyProvider>();
            if (keyCache is not null && cachedKey is null && keys.Generates)
            {
                SigningKeyCache.SaveInBackground(keyCache, keys.Keys);
            }

            return new AcsIdentityEmulator(app, options.EnableHttps);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Forgets every identity, revocation and Teams-extension assignment, and sets the clock offset back to zero.</summary>
    public void Reset()
    {
        _reset.Reset(); // the same reset as POST /emulator/reset
    }

    /// <summary>Same as <see cref="Reset"/>; for use in <c>InitializeAsync</c>/<c>DisposeAsync</c>.</summary>
    public ValueTask ResetAsync()
    {
        Reset();
        return ValueTask.CompletedTask;
    }

    /// <summary>Moves the emulated clock forward, e.g. to let tokens expire. The HMAC date window is not affected.</summary>
    public void AdvanceClock(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        _clock.Advance(by);
    }

    /// <summary>Sets the emulated clock's offset from its base clock (negative to issue tokens "in the past").</summary>
    public void SetClockOffset(TimeSpan offset) => _clock.SetOffset(offset);

    /// <summary>
    /// Whether the emulator would accept <paramref name="token"/> now (signature, resource, expiry, revocation,
    /// deletion), as <c>POST /emulator/tokens/validate</c> answers.
    /// </summary>
    public TokenValidationResult ValidateToken(string token) => TokenValidationResult.From(_app.Services.GetRequiredService<TokenValidator>().Validate(token));

    /// <summary>
    /// A handler for <see cref="HttpClient"/> that trusts the emulator's HTTPS certificate (and nothing else untrusted),
    /// for calls to <see cref="HttpsEndpoint"/>.
    /// </summary>
    public HttpClientHandler CreateTrustingHandler()
    {
        var certificate = Certificate;
        return new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, presented, _, errors) =>
                errors == SslPolicyErrors.None || (certificate is not null && presented is not null && presented.RawDataMemory.Span.SequenceEqual(certificate.RawDataMemory.Span)),
        };
    }

    /// <summary>Stops the emulator and frees its ports.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>The signing key cache folder, unless it is off or the settings pin the key or a data directory.</summary>
    private static string? KeyCacheDirectory(AcsIdentityEmulatorOptions options) =>
        string.IsNullOrEmpty(options.SigningKeyCacheDirectory)
        || options.Settings.TryGetValue("Tokens:SigningKeyPath", out var path) && path is not null
        || options.Settings.TryGetValue("Server:DataDirectory", out var data) && data is not null
            ? null
            : options.SigningKeyCacheDirectory;

    private static void Configure(WebApplicationBuilder builder, AcsIdentityEmulatorOptions options, string? cachedKey)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Server:HttpPort"] = options.HttpPort.ToString(CultureInfo.InvariantCulture),
            ["Server:HttpsPort"] = options.EnableHttps ? options.HttpsPort.ToString(CultureInfo.InvariantCulture) : "-1",
            ["Server:DataDirectory"] = "none",
            ["Resource:AccessKey"] = options.AccessKey,
            ["Resource:Id"] = options.ResourceId,
            ["Authentication:Authority"] = options.Authority,
            ["Authentication:RequireHttpsMetadata"] = options.RequireHttpsMetadata ? "true" : "false",
            ["Tokens:SigningKeyPath"] = cachedKey,
        };
        AddList(settings, "Authentication:Audiences", options.Audiences);
        AddList(settings, "Authentication:TeamsAudiences", options.TeamsAudiences);
        if (options.TimeProvider is { } time)
        {
            // The caller signs with the real time while the emulator lives by the injected clock: widen the window.
            settings["Authentication:ClockSkewMinutes"] = WideClockSkewMinutes;
            builder.Services.AddSingleton(time);
        }

        foreach (var (key, value) in options.Settings)
        {
            settings[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(settings.Where(s => s.Value is not null));
        builder.Logging.ClearProviders();
        options.Logging?.Invoke(builder.Logging);
        options.ConfigureBuilder?.Invoke(builder);
    }

    private static void AddList(Dictionary<string, string?> settings, string key, IList<string> values)
    {
        for (var i = 0; i < values.Count; i++)
        {
            settings[$"{key}:{i}"] = values[i];
        }
    }
}
