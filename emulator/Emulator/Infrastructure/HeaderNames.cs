namespace Emulator.Infrastructure;

/// <summary>Header names of the emulated service (reference §5) and of the emulator's own additions.</summary>
public static class HeaderNames
{
    public const string ApiSupportedVersions = "api-supported-versions";
    public const string ClientRequestId = "x-ms-client-request-id";
    public const string CorrelationVector = "MS-CV";
    public const string RequestContext = "Request-Context";
    public const string StrictTransportSecurity = "Strict-Transport-Security";
    public const string AzureRef = "X-Azure-Ref";
    public const string Cache = "X-Cache";
    public const string ProcessingTime = "X-Processing-Time";
    public const string MsDate = "x-ms-date";
    public const string ContentSha256 = "x-ms-content-sha256";

    /// <summary>Emulator addition: the api-version actually served when an unknown one was mapped to the newest.</summary>
    public const string ServedApiVersion = "x-emulator-served-api-version";
}
