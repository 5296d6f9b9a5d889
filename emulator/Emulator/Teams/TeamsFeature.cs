using Emulator.Infrastructure;

namespace Emulator.Teams;

/// <summary>Registers the Teams-extension assignments and their JSON; <see cref="TeamsApi.MapTeams"/> maps the exchanges.</summary>
internal static class TeamsFeature
{
    public static IServiceCollection AddTeams(this IServiceCollection services)
    {
        services.AddSingleton<AssignmentStore>();
        return services.AddJsonContext(TeamsJsonContext.Default);
    }
}
