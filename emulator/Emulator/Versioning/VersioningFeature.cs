using Emulator.Configuration;

namespace Emulator.Versioning;

/// <summary>Registers the api-version policy (section <c>ApiVersions</c>) and puts its check before the handlers.</summary>
internal static class VersioningFeature
{
    public static IServiceCollection AddApiVersioning(this IServiceCollection services, IConfiguration configuration)
        => services.Configure<ApiVersionOptions>(configuration.GetSection(ApiVersionOptions.SectionName));

    /// <summary>After routing: resolves api-version for endpoints that name an <see cref="ApiOperation"/>.</summary>
    public static IApplicationBuilder UseApiVersioning(this IApplicationBuilder app) => app.UseMiddleware<ApiVersionMiddleware>();
}
