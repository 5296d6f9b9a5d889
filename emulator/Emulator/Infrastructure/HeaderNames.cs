namespace Emulator.Infrastructure;

/// <summary>Header names of the emulated service (reference §5) and of the emulator's own additions.</summary>
internal static class HeaderNames
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

    /// <summary>
    /// Whether a request header value can be sent back in a response: visible ASCII, space and tab only. A control
    /// or non-ASCII character would make the server refuse the response header (and the request fail with a 500).
    /// </summary>
    public static bool IsEchoable(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        foreach (var c in value)
        {
            if (c is not ('\t' or (>= ' ' and <= '~')))
            {
                return false;
            }
        }

        return true;
    }
}
