using Emulator.Infrastructure;

namespace Emulator.Identities;

/// <summary>Registers the identity store and the identity operations' JSON; <see cref="IdentitiesApi.MapIdentities"/> maps them.</summary>
public static class IdentitiesFeature
{
    public static IServiceCollection AddIdentities(this IServiceCollection services)
    {
        services.AddSingleton<IdentityStore>();
        return services.AddJsonContext(IdentitiesJsonContext.Default);
    }
}
