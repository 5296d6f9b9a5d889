namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// The ACS Identity emulator run as an executable: <c>dotnet acs-identity-emulator/Emulator.dll</c> from the AppHost's
/// output folder, where this package puts the emulator. No container runtime or registry is needed.
/// </summary>
/// <param name="name">The resource name; referencing projects receive <c>ConnectionStrings__{name}</c>.</param>
/// <param name="command">The <c>dotnet</c> host that runs the emulator.</param>
/// <param name="workingDirectory">The emulator's folder (its content root).</param>
public class AcsIdentityEmulatorResource(string name, string command, string workingDirectory)
    : ExecutableResource(name, command, workingDirectory), IAcsIdentityEmulatorResource
{
    /// <summary>The name of the HTTP endpoint.</summary>
    public const string HttpEndpointName = "http";

    /// <summary>The name of the HTTPS endpoint.</summary>
    public const string HttpsEndpointName = "https";

    private EndpointReference? _httpEndpoint;
    private EndpointReference? _httpsEndpoint;

    /// <inheritdoc />
    public EndpointReference HttpEndpoint => _httpEndpoint ??= new(this, HttpEndpointName);

    /// <inheritdoc />
    public EndpointReference HttpsEndpoint => _httpsEndpoint ??= new(this, HttpsEndpointName);

    /// <inheritdoc />
    public ParameterResource AccessKey => AcsIdentityEmulatorAccessKeyAnnotation.Of(this);

    /// <inheritdoc />
    public ReferenceExpression ConnectionStringExpression => AcsIdentityEmulatorConnectionString.For(HttpEndpoint, AccessKey);
}
