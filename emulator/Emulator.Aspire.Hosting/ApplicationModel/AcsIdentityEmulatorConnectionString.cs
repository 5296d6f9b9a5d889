namespace Aspire.Hosting.ApplicationModel;

/// <summary>The connection string of an emulator resource, in the form the ACS SDKs parse.</summary>
internal static class AcsIdentityEmulatorConnectionString
{
    // EndpointProperty.Url has no trailing slash; the ACS connection string's endpoint has one, as the emulator prints it.
    public static ReferenceExpression For(EndpointReference endpoint, ParameterResource accessKey) =>
        ReferenceExpression.Create($"endpoint={endpoint.Property(EndpointProperty.Url)}/;accesskey={accessKey}");
}
