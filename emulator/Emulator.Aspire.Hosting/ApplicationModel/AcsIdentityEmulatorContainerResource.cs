namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// The ACS Identity emulator run from a container image (see <c>RunAsContainer</c>): the repository's
/// <c>Dockerfile</c> image, which serves HTTP on 8080 and HTTPS on 8443 and keeps its files in <c>/data</c>.
/// </summary>
/// <param name="name">The resource name; referencing projects receive <c>ConnectionStrings__{name}</c>.</param>
public class AcsIdentityEmulatorContainerResource(string name) : ContainerResource(name), IAcsIdentityEmulatorResource
{
    /// <summary>The HTTP port inside the container.</summary>
    public const int HttpTargetPort = 8080;

    /// <summary>The HTTPS port inside the container.</summary>
    public const int HttpsTargetPort = 8443;

    /// <summary>The image's data directory (<c>Server:DataDirectory</c>).</summary>
    public const string DataDirectory = "/data";

    private EndpointReference? _httpEndpoint;
    private EndpointReference? _httpsEndpoint;

    /// <inheritdoc />
    public EndpointReference HttpEndpoint => _httpEndpoint ??= new(this, AcsIdentityEmulatorResource.HttpEndpointName);

    /// <inheritdoc />
    public EndpointReference HttpsEndpoint => _httpsEndpoint ??= new(this, AcsIdentityEmulatorResource.HttpsEndpointName);

    /// <inheritdoc />
    public ParameterResource AccessKey => AcsIdentityEmulatorAccessKeyAnnotation.Of(this);

    /// <inheritdoc />
    public ReferenceExpression ConnectionStringExpression => AcsIdentityEmulatorConnectionString.For(HttpEndpoint, AccessKey);
}
