namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// The ACS Identity emulator as an Aspire resource, whether it runs as an executable
/// (<see cref="AcsIdentityEmulatorResource"/>) or as a container (<see cref="AcsIdentityEmulatorContainerResource"/>).
/// </summary>
/// <remarks>
/// A project that references it receives the connection string <c>endpoint=http://localhost:&lt;port&gt;/;accesskey=&lt;key&gt;</c>
/// as <c>ConnectionStrings__&lt;name&gt;</c>, the form <c>CommunicationIdentityClient</c> takes in every Azure SDK.
/// </remarks>
public interface IAcsIdentityEmulatorResource : IResourceWithConnectionString, IResourceWithEndpoints, IResourceWithEnvironment, IResourceWithArgs, IResourceWithWaitSupport
{
    /// <summary>The HTTP endpoint (named <c>http</c>); the connection string points at it.</summary>
    EndpointReference HttpEndpoint { get; }

    /// <summary>The HTTPS endpoint (named <c>https</c>), served with the emulator's certificate (generated unless configured).</summary>
    EndpointReference HttpsEndpoint { get; }

    /// <summary>The access key of the connection string, passed to the emulator as <c>Resource:AccessKey</c>.</summary>
    /// <remarks>A secret parameter: generated (64 random bytes, base64) unless set with <c>WithAccessKey</c>.</remarks>
    ParameterResource AccessKey { get; }
}
