namespace Emulator.Versioning;

/// <summary>One api-version: its name, operations and wire details.</summary>
public sealed record ApiVersionInfo(string Name, ApiOperation Operations, ApiFeature Features)
{
    public bool Has(ApiOperation operation) => (Operations & operation) == operation;

    /// <summary>Whether this version has any of <paramref name="operations"/> (one route may serve several).</summary>
    public bool Supports(ApiOperation operations) => (Operations & operations) != 0;

    public bool Has(ApiFeature feature) => (Features & feature) == feature;

    /// <summary>The version resolved for this request by <see cref="ApiVersionMiddleware"/>.</summary>
    public static ValueTask<ApiVersionInfo?> BindAsync(HttpContext context)
        => ValueTask.FromResult(context.Features.Get<ApiVersionInfo>());
}
