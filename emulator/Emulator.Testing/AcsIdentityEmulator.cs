using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Emulator.Hosting;

namespace Emulator.Testing;

/// <summary>
/// The ACS Identity emulator on its own ports for a test, keeping its state in memory (only its token signing key is
/// cached on disk, see <see cref="AcsIdentityEmulatorOptions.SigningKeyCacheDirectory"/>): in the test process, or as
/// the Native AOT binary in a child process (<see cref="AcsIdentityEmulatorOptions.Mode"/>).
/// Start one with <see cref="StartAsync(AcsIdentityEmulatorOptions?, CancellationToken)"/>, point the SDK (or your code)
/// at <see cref="ConnectionString"/>, and dispose it when done.
/// </summary>
public sealed class AcsIdentityEmulator : IAsyncDisposable
{
    private readonly IEmulatorBackend _backend;
    private int _disposed;

    private AcsIdentityEmulator(InProcessEmulator backend)
    {
        _backend = backend;
        var endpoints = backend.Endpoints;
        AccessKey = backend.Resource.AccessKey;
        ResourceId = backend.Resource.ResourceId;
        Endpoint = new Uri(endpoints.Http ?? throw new InvalidOperationException("The emulator started without an HTTP endpoint."));
        ConnectionString = endpoints.ConnectionString(endpoints.Http);
        if (backend.Https && endpoints.Https is { } httpsUrl)
        {
            HttpsEndpoint = new Uri(httpsUrl);
            HttpsConnectionString = endpoints.ConnectionString(httpsUrl);
        }
    }

    private AcsIdentityEmulator(NativeEmulator backend)
    {
        _backend = backend;
        var banner = backend.Banner;
        AccessKey = banner.AccessKey;
        ResourceId = banner.ResourceId;
        Endpoint = NativeBanner.EndpointOf(banner.HttpConnectionString);
        ConnectionString = banner.HttpConnectionString;
        if (banner.HttpsConnectionString is { } https)
        {
            HttpsEndpoint = NativeBanner.EndpointOf(https);
            HttpsConnectionString = https;
        }
    }

    /// <summary>Where this emulator runs.</summary>
    public AcsIdentityEmulatorMode Mode => _backend is NativeEmulator ? AcsIdentityEmulatorMode.NativeProcess : AcsIdentityEmulatorMode.InProcess;

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
    public X509Certificate2? Certificate => _backend.Certificate;

    /// <summary>The HTTPS certificate as PEM (e.g. for <c>NODE_EXTRA_CA_CERTS</c>), or null when HTTPS is off.</summary>
    public string? CertificatePem => _backend.CertificatePem;

    /// <summary>The emulated time: the emulator's clock plus the offset set by <see cref="AdvanceClock"/> / <see cref="SetClockOffset"/>.</summary>
    public DateTimeOffset Now => _backend.Now;

    /// <summary>The current offset of the emulated clock from the emulator's base clock.</summary>
    public TimeSpan ClockOffset => _backend.ClockOffset;

    /// <summary>The emulator's services, for what this class does not expose.</summary>
    /// <exception cref="InvalidOperationException">In <see cref="AcsIdentityEmulatorMode.NativeProcess"/> mode (the services live in the child process).</exception>
    public IServiceProvider Services => _backend.Services;

    /// <summary>Builds and starts an emulator. Its ports are bound when this returns.</summary>
    /// <exception cref="EmulatorConfigurationException">An option is invalid; the message lists every invalid setting.</exception>
    /// <exception cref="ArgumentException">Native mode with an option only the in-process mode has (the message names it).</exception>
    /// <exception cref="InvalidOperationException">Native mode: the binary was not found, or it exited before it was ready (the message holds its output).</exception>
    /// <exception cref="TimeoutException">Native mode: the binary printed no connection strings within <see cref="AcsIdentityEmulatorOptions.NativeStartTimeout"/>.</exception>
    public static async Task<AcsIdentityEmulator> StartAsync(AcsIdentityEmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new AcsIdentityEmulatorOptions();
        return options.Mode switch
        {
            AcsIdentityEmulatorMode.InProcess => new AcsIdentityEmulator(await InProcessEmulator.StartAsync(options, cancellationToken).ConfigureAwait(false)),
            AcsIdentityEmulatorMode.NativeProcess => new AcsIdentityEmulator(await NativeEmulator.StartAsync(options, cancellationToken).ConfigureAwait(false)),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Mode, $"{nameof(AcsIdentityEmulatorOptions.Mode)} must be {nameof(AcsIdentityEmulatorMode.InProcess)} or {nameof(AcsIdentityEmulatorMode.NativeProcess)}."),
        };
    }

    /// <summary>Forgets every identity, revocation and Teams-extension assignment, and sets the clock offset back to zero.</summary>
    public void Reset() => _backend.Reset(); // the same reset as POST /emulator/reset

    /// <summary>Same as <see cref="Reset"/>; for use in <c>InitializeAsync</c>/<c>DisposeAsync</c>.</summary>
    public ValueTask ResetAsync() => _backend.ResetAsync();

    /// <summary>Moves the emulated clock forward, e.g. to let tokens expire. The HMAC date window is not affected.</summary>
    public void AdvanceClock(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        _backend.AdvanceClock(by);
    }

    /// <summary>Sets the emulated clock's offset from its base clock (negative to issue tokens "in the past").</summary>
    public void SetClockOffset(TimeSpan offset) => _backend.SetClockOffset(offset);

    /// <summary>
    /// Whether the emulator would accept <paramref name="token"/> now (signature, resource, expiry, revocation,
    /// deletion), as <c>POST /emulator/tokens/validate</c> answers.
    /// </summary>
    public TokenValidationResult ValidateToken(string token) => _backend.ValidateToken(token);

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

    /// <summary>
    /// Stops the emulator and frees its ports. In native mode with <see cref="AcsIdentityEmulatorOptions.ReuseNativeProcess"/>
    /// the process is reset and kept for the next start with the same options instead (its ports stay bound).
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _backend.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>The native child's process id, or null in-process (for tests).</summary>
    internal int? NativeProcessId => (_backend as NativeEmulator)?.ProcessId;
}
