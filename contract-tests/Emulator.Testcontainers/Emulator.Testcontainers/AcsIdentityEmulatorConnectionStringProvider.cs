using DotNet.Testcontainers.Configurations;

namespace Testcontainers.AcsIdentityEmulator;

/// <summary>
/// <c>endpoint=http://…/;accesskey=…</c>: from the test host (the published port on the reachable host address),
/// or from another container on the same network (the container's network alias or name, port 8080).
/// </summary>
internal sealed class AcsIdentityEmulatorConnectionStringProvider : ContainerConnectionStringProvider<AcsIdentityEmulatorContainer, AcsIdentityEmulatorConfiguration>
{
    protected override string GetHostConnectionString() => Container.GetConnectionString(Container.HttpEndpoint);

    protected override string GetContainerConnectionString()
    {
        var host = Configuration.NetworkAliases?.FirstOrDefault() is { Length: > 0 } alias ? alias : Container.Name.TrimStart('/');
        return Container.GetConnectionString(new Uri($"http://{host}:{AcsIdentityEmulatorBuilder.HttpPort}/"));
    }
}
