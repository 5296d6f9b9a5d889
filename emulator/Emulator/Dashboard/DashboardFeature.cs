using Emulator.Infrastructure;

namespace Emulator.Dashboard;

/// <summary>Registers the dashboard's files and JSON; <see cref="DashboardApi.MapDashboard"/> maps its routes.</summary>
internal static class DashboardFeature
{
    public static IServiceCollection AddDashboard(this IServiceCollection services)
    {
        services.AddSingleton<DashboardAssets>();
        return services.AddJsonContext(DashboardJsonContext.Default);
    }
}
