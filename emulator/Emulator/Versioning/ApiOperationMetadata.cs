namespace Emulator.Versioning;

/// <summary>Endpoint metadata naming the emulated operation(s) a route implements, with its <c>api-supported-versions</c>.</summary>
internal sealed class ApiOperationMetadata(ApiOperation operations)
{
    public ApiOperation Operations { get; } = operations;

    public string SupportedVersions { get; } = ApiVersions.SupportedHeader(operations);
}
