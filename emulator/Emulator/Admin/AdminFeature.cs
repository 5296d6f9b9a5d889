using Emulator.Configuration;
using Emulator.Infrastructure;

namespace Emulator.Admin;

/// <summary>Registers the emulator's own endpoints' services (section <c>Admin</c>); <see cref="AdminApi.MapAdmin"/> maps them.</summary>
internal static class AdminFeature
{
    public static IServiceCollection AddAdmin(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<AdminOptions>(configuration.GetSection(AdminOptions.SectionName));
        services.AddSingleton<Jwks>();
        services.AddSingleton<EmulatorReset>();
        return services.AddJsonContext(AdminJsonContext.Default);
    }

    /// <summary>Refuses remote callers of the routes that serve the key or change state (<see cref="AdminAccess"/>).</summary>
    public static IApplicationBuilder UseAdminAccess(this IApplicationBuilder app) => app.UseMiddleware<AdminAccessMiddleware>();
}
