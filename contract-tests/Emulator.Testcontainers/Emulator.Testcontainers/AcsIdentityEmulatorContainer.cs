using System.Security.Cryptography.X509Certificates;
using DotNet.Testcontainers.Containers;

namespace Testcontainers.AcsIdentityEmulator;

/// <summary>
/// The ACS Identity emulator in a container. <see cref="DockerContainer.GetConnectionString(DotNet.Testcontainers.Configurations.ConnectionMode)"/>
/// gives <c>endpoint=http://…/;accesskey=…</c> for the test host (default) or for other containers on its network.
/// </summary>
public sealed class AcsIdentityEmulatorContainer : DockerContainer
{
    private readonly AcsIdentityEmulatorConfiguration _configuration;
    private string? _reachableHost;

    /// <summary>A container as <paramref name="configuration"/> says; use <see cref="AcsIdentityEmulatorBuilder"/>.</summary>
    public AcsIdentityEmulatorContainer(AcsIdentityEmulatorConfiguration configuration)
        : base(configuration)
    {
        _configuration = configuration;
    }

    /// <summary>The access key the emulator was started with.</summary>
    public string AccessKey => _configuration.AccessKey ?? throw new InvalidOperationException("The container was built without an access key.");

    /// <summary>
    /// The host address the test reaches the published ports on: Testcontainers' <see cref="DockerContainer.Hostname"/>
    /// (or <c>TESTCONTAINERS_HOST_OVERRIDE</c>), or loopback when the engine is local and that address does not answer
    /// (for instance a test running inside a container, where Testcontainers picks the bridge gateway).
    /// </summary>
    public string Host => _reachableHost ?? Hostname;

    /// <summary>The emulator's HTTP base address as seen from the test, e.g. <c>http://127.0.0.1:32768/</c>.</summary>
    public Uri HttpEndpoint => new($"http://{Host}:{GetMappedPublicPort(AcsIdentityEmulatorBuilder.HttpPort)}/");

    /// <summary>The emulator's HTTPS base address (trust <see cref="GetCertificateAsync"/> to use it).</summary>
    public Uri HttpsEndpoint => new($"https://{Host}:{GetMappedPublicPort(AcsIdentityEmulatorBuilder.HttpsPort)}/");

    /// <summary><c>endpoint=https://…/;accesskey=…</c> for the test host.</summary>
    public string GetHttpsConnectionString() => GetConnectionString(HttpsEndpoint);

    /// <summary>
    /// Starts the container and waits until the emulator is ready, at most the builder's start-up timeout.
    /// </summary>
    /// <exception cref="TimeoutException">Not ready in time; the message says where it looked.</exception>
    public override async Task StartAsync(CancellationToken ct = default)
    {
        var timeout = _configuration.StartupTimeout ?? AcsIdentityEmulatorBuilder.DefaultStartupTimeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        try
        {
            await base.StartAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            // Testcontainers reports a cancelled wait as its own TimeoutException without saying what it waited for.
            throw new TimeoutException(
                $"The ACS Identity emulator container ({_configuration.Image?.FullName}) was not ready within {timeout.TotalSeconds:0} s: "
                + $"{AcsIdentityEmulatorBuilder.ReadinessPath} did not answer 200 on {DescribeProbedAddresses()}. "
                + "If the container runs but is not reachable from here, set TESTCONTAINERS_HOST_OVERRIDE to the address that "
                + "reaches the engine's published ports (127.0.0.1 for a local engine); see its logs with GetLogsAsync().", e);
        }
    }

    /// <summary>
    /// The header that carries the access key to the <c>/emulator/</c> routes the emulator keeps from non-loopback callers
    /// (info, reset, clock, identities); the host reaches a container through a port mapping, so it needs it.
    /// </summary>
    public const string AccessKeyHeader = "x-emulator-access-key";

    /// <summary>
    /// An <see cref="HttpClient"/> for the emulator's own routes (<c>/emulator/info</c>, <c>/emulator/reset</c>, the clock…):
    /// based at <see cref="HttpEndpoint"/> and sending <see cref="AccessKey"/> in <see cref="AccessKeyHeader"/>.
    /// </summary>
    public HttpClient CreateAdminClient()
    {
        var http = new HttpClient { BaseAddress = HttpEndpoint };
        http.DefaultRequestHeaders.Add(AccessKeyHeader, AccessKey);
        return http;
    }

    /// <summary>The emulator's generated HTTPS certificate, as PEM, from <c>/emulator/certificate</c>.</summary>
    public async Task<string> GetCertificatePemAsync(CancellationToken cancellationToken = default)
    {
        using var http = new HttpClient();
        return await http.GetStringAsync(new Uri(HttpEndpoint, "emulator/certificate"), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The emulator's generated HTTPS certificate.</summary>
    public async Task<X509Certificate2> GetCertificateAsync(CancellationToken cancellationToken = default)
        => X509Certificate2.CreateFromPem(await GetCertificatePemAsync(cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// An <see cref="HttpClientHandler"/> that trusts the emulator's certificate (and only it) for HTTPS, for SDKs that
    /// take an <see cref="HttpClient"/> transport.
    /// </summary>
    public async Task<HttpClientHandler> CreateTrustingHandlerAsync(CancellationToken cancellationToken = default)
    {
        var certificate = await GetCertificateAsync(cancellationToken).ConfigureAwait(false);
        return new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, presented, _, _) =>
            {
                if (presented is null)
                {
                    return false;
                }

                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(certificate);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chain.Build(presented);
            },
        };
    }

    internal string GetConnectionString(Uri endpoint) => $"endpoint={endpoint};accesskey={AccessKey}";

    /// <summary>Addresses to try, best first: Testcontainers' choice, then loopback when the engine is on this machine.</summary>
    internal IReadOnlyList<string> CandidateHosts()
    {
        var hosts = new List<string> { Hostname };
        var endpoint = _configuration.DockerEndpointAuthConfig?.Endpoint;
        var localEngine = endpoint is null || endpoint.Scheme is "unix" or "npipe";
        if (localEngine && Hostname is not ("localhost" or "127.0.0.1" or "::1"))
        {
            hosts.Add("127.0.0.1");
        }

        return hosts;
    }

    internal void UseHost(string host) => _reachableHost = host;

    private string DescribeProbedAddresses()
    {
        try
        {
            var port = GetMappedPublicPort(AcsIdentityEmulatorBuilder.HttpPort);
            return string.Join(" or ", CandidateHosts().Select(h => $"{h}:{port}"));
        }
        catch (InvalidOperationException)
        {
            return "no published port yet (the container did not get to run)";
        }
    }
}
