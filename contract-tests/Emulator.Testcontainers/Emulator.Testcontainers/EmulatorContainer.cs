using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;

namespace Emulator.Testcontainers;

/// <summary>
/// The ACS Identity emulator in a container, for tests:
/// <code>
/// await using var acs = new EmulatorContainer();
/// await acs.StartAsync();
/// var client = new CommunicationIdentityClient(acs.ConnectionString, ...);
/// </code>
/// Ready means the emulator's readiness endpoint answered 200 on the published HTTP port.
/// </summary>
public sealed class EmulatorContainer : IAsyncDisposable
{
    /// <summary>The image name the README builds (<c>docker build -t acs-identity-emulator .</c>).</summary>
    public const string DefaultImage = "acs-identity-emulator:latest";

    /// <summary>HTTP port inside the container.</summary>
    public const int HttpPort = 8080;

    /// <summary>HTTPS port inside the container.</summary>
    public const int HttpsPort = 8443;

    /// <summary>
    /// The header that carries the access key to the <c>/emulator/</c> routes the emulator keeps from non-loopback callers
    /// (info, reset, clock, identities); the host reaches a container through a port mapping, so it needs it.
    /// </summary>
    public const string AccessKeyHeader = "x-emulator-access-key";

    private readonly IContainer _container;

    /// <summary>The default image (or <c>EMULATOR_IMAGE</c>), a random access key.</summary>
    public EmulatorContainer()
        : this(new EmulatorContainerOptions())
    {
    }

    /// <summary>The given image, a random access key.</summary>
    public EmulatorContainer(string image)
        : this(new EmulatorContainerOptions { Image = image })
    {
    }

    /// <summary>A container as the options say.</summary>
    public EmulatorContainer(EmulatorContainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        AccessKey = options.AccessKey ?? Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));
        var builder = new ContainerBuilder(options.Image)
            .WithEnvironment("Resource__AccessKey", AccessKey)
            .WithPortBinding(HttpPort, assignRandomHostPort: true)
            .WithPortBinding(HttpsPort, assignRandomHostPort: true)
            .WithWaitStrategy(Wait.ForUnixContainer()
                .UntilHttpRequestIsSucceeded(request => request.ForPort(HttpPort).ForPath("/emulator/health/ready")));
        foreach (var (name, value) in options.Environment)
        {
            builder = builder.WithEnvironment(name, value);
        }

        if (options.HostIp is { Length: > 0 } hostIp)
        {
            builder = builder.WithCreateParameterModifier(parameters =>
            {
                foreach (var bindings in parameters.HostConfig?.PortBindings?.Values ?? [])
                {
                    foreach (var binding in bindings)
                    {
                        binding.HostIP = hostIp;
                    }
                }
            });
        }

        _container = builder.Build();
    }

    /// <summary>The access key the emulator was started with.</summary>
    public string AccessKey { get; }

    /// <summary>The underlying Testcontainers container (logs, exec, state).</summary>
    public IContainer Container => _container;

    /// <summary>The emulator's HTTP base address as seen from the test, e.g. <c>http://localhost:32768/</c>.</summary>
    public Uri HttpEndpoint => new($"http://{_container.Hostname}:{_container.GetMappedPublicPort(HttpPort)}/");

    /// <summary>The emulator's HTTPS base address (trust <see cref="GetCertificateAsync"/> to use it).</summary>
    public Uri HttpsEndpoint => new($"https://{_container.Hostname}:{_container.GetMappedPublicPort(HttpsPort)}/");

    /// <summary><c>endpoint=http://…/;accesskey=…</c>; the JS SDK needs <c>allowInsecureConnection</c> for it.</summary>
    public string ConnectionString => $"endpoint={HttpEndpoint};accesskey={AccessKey}";

    /// <summary><c>endpoint=https://…/;accesskey=…</c>.</summary>
    public string HttpsConnectionString => $"endpoint={HttpsEndpoint};accesskey={AccessKey}";

    /// <summary>Starts the container and waits until the emulator is ready.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default) => _container.StartAsync(cancellationToken);

    /// <summary>Stops the container (SIGTERM, then the engine's grace period).</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => _container.StopAsync(cancellationToken);

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
    /// An <see cref="HttpClientHandler"/> that trusts the emulator's certificate (and only it) for HTTPS, for SDKs
    /// that take an <see cref="HttpClient"/> transport.
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

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _container.DisposeAsync();
}
