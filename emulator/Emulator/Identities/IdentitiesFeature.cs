using Emulator.Infrastructure;

namespace Emulator.Identities;

/// <summary>Registers the identity store, the access token issuer and validator, and the identity operations' JSON; <see cref="IdentitiesApi.MapIdentities"/> maps them.</summary>
internal static class IdentitiesFeature
{
    public static IServiceCollection AddIdentities(this IServiceCollection services)
    {
        services.AddSingleton<IdentityStore>();
        services.AddSingleton<AccessTokenIssuer>();
        services.AddSingleton<TokenValidator>();
        return services.AddJsonContext(IdentitiesJsonContext.Default);
    }
}
