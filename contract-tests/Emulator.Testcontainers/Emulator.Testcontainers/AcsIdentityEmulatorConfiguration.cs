using Docker.DotNet.Models;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;

namespace Testcontainers.AcsIdentityEmulator;

/// <summary>The emulator container's configuration: the Testcontainers settings plus the emulator's own.</summary>
public sealed class AcsIdentityEmulatorConfiguration : ContainerConfiguration
{
    /// <summary>An empty configuration (the builder fills it).</summary>
    public AcsIdentityEmulatorConfiguration()
    {
    }

    /// <summary>The emulator-specific part of a configuration, merged in by the builder.</summary>
    internal AcsIdentityEmulatorConfiguration(string? accessKey = null, TimeSpan? startupTimeout = null)
    {
        AccessKey = accessKey;
        StartupTimeout = startupTimeout;
    }

    /// <summary>Copies a Docker resource configuration.</summary>
    public AcsIdentityEmulatorConfiguration(IResourceConfiguration<CreateContainerParameters> resourceConfiguration)
        : base(resourceConfiguration)
    {
    }

    /// <summary>Copies a container configuration.</summary>
    public AcsIdentityEmulatorConfiguration(IContainerConfiguration resourceConfiguration)
        : base(resourceConfiguration)
    {
    }

    /// <summary>Copies an emulator configuration.</summary>
    public AcsIdentityEmulatorConfiguration(AcsIdentityEmulatorConfiguration resourceConfiguration)
        : this(new AcsIdentityEmulatorConfiguration(), resourceConfiguration)
    {
    }

    /// <summary>Merges two configurations; values of <paramref name="newValue"/> win.</summary>
    public AcsIdentityEmulatorConfiguration(AcsIdentityEmulatorConfiguration oldValue, AcsIdentityEmulatorConfiguration newValue)
        : base(oldValue, newValue)
    {
        ArgumentNullException.ThrowIfNull(oldValue);
        ArgumentNullException.ThrowIfNull(newValue);
        AccessKey = BuildConfiguration.Combine(oldValue.AccessKey, newValue.AccessKey);
        StartupTimeout = newValue.StartupTimeout ?? oldValue.StartupTimeout;
    }

    /// <summary>The base64 access key of the connection strings (<c>Resource__AccessKey</c> in the container).</summary>
    public string? AccessKey { get; }

    /// <summary>How long <c>StartAsync</c> may take. Null: <see cref="AcsIdentityEmulatorBuilder.DefaultStartupTimeout"/>.</summary>
    public TimeSpan? StartupTimeout { get; }
}
