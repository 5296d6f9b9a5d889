namespace Emulator.Versioning;

/// <summary>One api-version: its name, operations and wire details.</summary>
internal sealed record ApiVersionInfo(string Name, ApiOperation Operations, ApiFeature Features)
{
    /// <summary>Whether this version has every one of <paramref name="operations"/>.</summary>
    public bool HasAll(ApiOperation operations) => (Operations & operations) == operations;

    /// <summary>Whether this version has any of <paramref name="operations"/> (one route may serve several).</summary>
    public bool HasAny(ApiOperation operations) => (Operations & operations) != 0;

    /// <summary>Whether this version has every one of <paramref name="features"/>.</summary>
    public bool HasAll(ApiFeature features) => (Features & features) == features;

    /// <summary>The version resolved for this request by <see cref="ApiVersionMiddleware"/>.</summary>
    public static ValueTask<ApiVersionInfo?> BindAsync(HttpContext context)
        => ValueTask.FromResult(context.Features.Get<ApiVersionInfo>());
}
