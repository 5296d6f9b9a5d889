using System.Security.Cryptography;
using Docker.DotNet.Models;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Images;

namespace Testcontainers.AcsIdentityEmulator;

/// <summary>
/// Builds an ACS Identity emulator container:
/// <code>
/// await using var acs = new AcsIdentityEmulatorBuilder("acs-identity-emulator:latest").Build();
/// await acs.StartAsync();
/// var client = new CommunicationIdentityClient(acs.GetConnectionString());
/// </code>
/// Ready means <see cref="ReadinessPath"/> answered 200 on the published HTTP port.
/// </summary>
public sealed class AcsIdentityEmulatorBuilder : ContainerBuilder<AcsIdentityEmulatorBuilder, AcsIdentityEmulatorContainer, AcsIdentityEmulatorConfiguration>
{
    /// <summary>HTTP port inside the container.</summary>
    public const int HttpPort = 8080;

    /// <summary>HTTPS port inside the container.</summary>
    public const int HttpsPort = 8443;

    /// <summary>The emulator's readiness endpoint, polled until it answers 200.</summary>
    public const string ReadinessPath = "/emulator/health/ready";

    /// <summary>How long <c>StartAsync</c> may take by default (pull, create, start, ready): 2 minutes.</summary>
    public static readonly TimeSpan DefaultStartupTimeout = TimeSpan.FromMinutes(2);

    /// <summary>A builder for the given image, e.g. <c>acs-identity-emulator:latest</c> (built from the repository's Dockerfile) or a copy in your registry.</summary>
    public AcsIdentityEmulatorBuilder(string image)
        : this(new AcsIdentityEmulatorConfiguration())
    {
        DockerResourceConfiguration = Init().WithImage(image).DockerResourceConfiguration;
    }

    /// <summary>A builder for the given image (e.g. one built with <c>ImageFromDockerfileBuilder</c>).</summary>
    public AcsIdentityEmulatorBuilder(IImage image)
        : this(new AcsIdentityEmulatorConfiguration())
    {
        DockerResourceConfiguration = Init().WithImage(image).DockerResourceConfiguration;
    }

    private AcsIdentityEmulatorBuilder(AcsIdentityEmulatorConfiguration resourceConfiguration)
        : base(resourceConfiguration)
    {
        DockerResourceConfiguration = resourceConfiguration;
    }

    /// <inheritdoc />
    protected override AcsIdentityEmulatorConfiguration DockerResourceConfiguration { get; }

    /// <summary>The base64 access key the emulator checks signatures with. Default: 64 random bytes, new for each builder.</summary>
    public AcsIdentityEmulatorBuilder WithAccessKey(string accessKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(accessKey);
        return Merge(DockerResourceConfiguration, new AcsIdentityEmulatorConfiguration(accessKey: accessKey))
            .WithEnvironment("Resource__AccessKey", accessKey);
    }

    /// <summary>The resource's immutable id (a GUID). Default: a random one for each container.</summary>
    public AcsIdentityEmulatorBuilder WithResourceId(string resourceId)
    {
        ArgumentException.ThrowIfNullOrEmpty(resourceId);
        return WithEnvironment("Resource__Id", resourceId);
    }

    /// <summary>Any emulator setting by configuration key, e.g. <c>WithSetting("Resource:Location", "europe")</c>.</summary>
    public AcsIdentityEmulatorBuilder WithSetting(string key, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return WithEnvironment(key.Replace(":", "__", StringComparison.Ordinal), value);
    }

    /// <summary>
    /// How long <c>StartAsync</c> may take before it fails with a <see cref="TimeoutException"/> naming what it waited
    /// for. Default <see cref="DefaultStartupTimeout"/>.
    /// </summary>
    public AcsIdentityEmulatorBuilder WithStartupTimeout(TimeSpan timeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        return Merge(DockerResourceConfiguration, new AcsIdentityEmulatorConfiguration(startupTimeout: timeout));
    }

    /// <summary>
    /// The host address the random host ports are published on, e.g. <c>127.0.0.1</c> to keep them off the network.
    /// Default: the container engine's default (all interfaces), which a remote Docker host needs.
    /// </summary>
    public AcsIdentityEmulatorBuilder WithHostIp(string hostIp)
    {
        ArgumentException.ThrowIfNullOrEmpty(hostIp);
        return WithCreateParameterModifier(parameters =>
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

    /// <inheritdoc />
    public override AcsIdentityEmulatorContainer Build()
    {
        Validate();
        return new AcsIdentityEmulatorContainer(DockerResourceConfiguration);
    }

    /// <inheritdoc />
    protected override AcsIdentityEmulatorBuilder Init() => base.Init()
        .WithPortBinding(HttpPort, assignRandomHostPort: true)
        .WithPortBinding(HttpsPort, assignRandomHostPort: true)
        .WithAccessKey(Convert.ToBase64String(RandomNumberGenerator.GetBytes(64)))
        .WithConnectionStringProvider(new AcsIdentityEmulatorConnectionStringProvider())
        .WithWaitStrategy(Wait.ForUnixContainer().AddCustomWaitStrategy(new ReadinessProbe()));

    /// <inheritdoc />
    protected override AcsIdentityEmulatorBuilder Clone(IResourceConfiguration<CreateContainerParameters> resourceConfiguration)
        => Merge(DockerResourceConfiguration, new AcsIdentityEmulatorConfiguration(resourceConfiguration));

    /// <inheritdoc />
    protected override AcsIdentityEmulatorBuilder Clone(IContainerConfiguration resourceConfiguration)
        => Merge(DockerResourceConfiguration, new AcsIdentityEmulatorConfiguration(resourceConfiguration));

    /// <inheritdoc />
    protected override AcsIdentityEmulatorBuilder Merge(AcsIdentityEmulatorConfiguration oldValue, AcsIdentityEmulatorConfiguration newValue)
        => new(new AcsIdentityEmulatorConfiguration(oldValue, newValue));
}
