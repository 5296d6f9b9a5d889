using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Emulator.TestSupport.Wire;
using Xunit;

namespace Emulator.TestSupport.Targets;

/// <summary>
/// A service the contract scenarios run against: where it is, how to sign for it, and whether it is an emulator
/// (which answers emulator-only checks through <see cref="Admin"/>). A target that cannot run sets
/// <see cref="SkipReason"/> instead of failing, naming the variable to set.
/// </summary>
public abstract class ContractTarget : IAsyncLifetime
{
    private readonly Dictionary<(bool Https, string? Key, string? DateHeader), HttpClient> _clients = [];
    private HttpClient? _adminHttp;

    /// <summary>Shown in skip messages and assertion failures.</summary>
    public abstract string Name { get; }

    /// <summary>Set when the target is not configured; every scenario of the target is then skipped with it.</summary>
    public string? SkipReason { get; protected set; }

    public bool IsEmulator { get; protected set; }

    public Uri Endpoint { get; protected set; } = null!;

    public Uri? HttpsEndpoint { get; protected set; }

    public string AccessKey { get; protected set; } = string.Empty;

    /// <summary>The resource id; live Azure's is learnt from the first identity it creates.</summary>
    public string? ResourceId { get; set; }

    /// <summary>The emulator's own endpoints; null for live Azure.</summary>
    public EmulatorAdminClient? Admin { get; private set; }

    /// <summary>The certificate the target's HTTPS endpoint presents, trusted by this suite's clients (emulators only).</summary>
    protected X509Certificate2? TrustedCertificate { get; set; }

    public abstract ValueTask InitializeAsync();

    /// <summary>A client signing with the target's access key (or <paramref name="accessKey"/>), over http or https.</summary>
    public AcsWireClient Client(bool https = false, string? accessKey = null, string dateHeader = HmacSigner.DateHeader)
    {
        lock (_clients)
        {
            return new AcsWireClient(GetOrCreate(https, accessKey ?? AccessKey, dateHeader));
        }
    }

    /// <summary>A client that adds no authentication: the request sets its own Authorization header (bearer, forged HMAC).</summary>
    public AcsWireClient UnsignedClient(bool https = false)
    {
        lock (_clients)
        {
            return new AcsWireClient(GetOrCreate(https, null, null));
        }
    }

    public virtual ValueTask DisposeAsync()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        _adminHttp?.Dispose();
        TrustedCertificate?.Dispose();
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    public override string ToString() => Name;

    /// <summary>The target's connection string over http or https (for SDK clients).</summary>
    public string GetConnectionString(bool https = false) => $"endpoint={BaseAddress(https)};accesskey={AccessKey}";

    /// <summary>A handler that trusts the target's HTTPS certificate (an emulator's self-signed one) and nothing else untrusted.</summary>
    public HttpMessageHandler CreateTrustingHandler() => CreateHandler();

    /// <summary>
    /// Sets up <see cref="Admin"/> for an emulator at <paramref name="endpoint"/>; with <paramref name="accessKey"/> every
    /// admin call carries it, so it works whether the emulator sees this process as loopback or as another host.
    /// </summary>
    protected void UseAdmin(Uri endpoint, string? accessKey = null)
    {
        IsEmulator = true;
        _adminHttp = new HttpClient(CreateHandler()) { BaseAddress = endpoint };
        if (!string.IsNullOrEmpty(accessKey))
        {
            _adminHttp.DefaultRequestHeaders.Add(EmulatorAdminClient.AccessKeyHeader, accessKey);
        }

        Admin = new EmulatorAdminClient(_adminHttp);
    }

    private HttpClient GetOrCreate(bool https, string? accessKey, string? dateHeader)
    {
        var key = (https, accessKey, dateHeader);
        if (!_clients.TryGetValue(key, out var http))
        {
            HttpMessageHandler handler = CreateHandler();
            if (accessKey is not null)
            {
                handler = new HmacSigningHandler(accessKey, TimeProvider.System, dateHeader ?? HmacSigner.DateHeader) { InnerHandler = handler };
            }

            http = new HttpClient(handler) { BaseAddress = BaseAddress(https) };
            _clients[key] = http;
        }

        return http;
    }

    private Uri BaseAddress(bool https) => https
        ? HttpsEndpoint ?? throw new InvalidOperationException($"{Name} has no https endpoint.")
        : Endpoint;

    private SocketsHttpHandler CreateHandler()
    {
        var trusted = TrustedCertificate;
        return new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            SslOptions = new SslClientAuthenticationOptions
            {
                // Trust the emulator's self-signed certificate by its exact bytes, and nothing else untrusted.
                RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                    errors == SslPolicyErrors.None
                    || (trusted is not null && certificate is not null && certificate.GetRawCertData().AsSpan().SequenceEqual(trusted.RawData)),
            },
        };
    }
}
