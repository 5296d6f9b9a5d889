using System.Text.Json.Serialization;

namespace Emulator.Infrastructure;

/// <summary>An error of the emulated ACS API, rendered as <c>{"error":{"code","message","target"?}}</c>.</summary>
/// <param name="Status">HTTP status code.</param>
/// <param name="Code">The service's error code.</param>
/// <param name="Message">The service's message text.</param>
/// <param name="Target">The property the error is about, when the service names one.</param>
/// <param name="Family">Which stage of the service produced it; decides headers and body shape.</param>
internal sealed record AcsError(int Status, string Code, string Message, string? Target = null, AcsErrorFamily Family = AcsErrorFamily.Service)
{
    /// <summary>Body of the error, null when the service answers with an empty body.</summary>
    [JsonIgnore]
    public bool HasBody => Family != AcsErrorFamily.EmptyBody;

    /// <summary>Whether the live service sends <c>api-supported-versions</c> with this error.</summary>
    [JsonIgnore]
    public bool ReportsApiVersions => Family is AcsErrorFamily.Service or AcsErrorFamily.ApiVersion;
}

/// <summary>Which stage of the live service produces an error; each stage has its own headers (reference §4.1, §4.3).</summary>
internal enum AcsErrorFamily
{
    /// <summary>Validation inside the versioned operation: <c>api-supported-versions</c> is present.</summary>
    Service,

    /// <summary>Model binding before the operation runs: no <c>api-supported-versions</c>.</summary>
    Binding,

    /// <summary>Authentication or token validation: no <c>api-supported-versions</c>.</summary>
    Authentication,

    /// <summary>api-version negotiation (ASP.NET API Versioning): body carries <c>innerError: null</c>.</summary>
    ApiVersion,

    /// <summary>401 with an empty body, as <c>2021-03-31-preview1</c> answered.</summary>
    EmptyBody,
}
