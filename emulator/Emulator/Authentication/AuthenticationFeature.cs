using Emulator.Configuration;

namespace Emulator.Authentication;

/// <summary>Registers HMAC and Entra ID authentication of the emulated API (section <c>Authentication</c>).</summary>
internal static class AuthenticationFeature
{
    public static IServiceCollection AddAcsAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<AuthenticationOptions>(configuration.GetSection(AuthenticationOptions.SectionName));
        services.AddSingleton<HmacAuthenticator>();
        services.AddSingleton<EntraTokenValidator>();
        services.AddHttpClient();
        return services;
    }

    /// <summary>Rejects emulated requests without valid credentials; runs after the body is read.</summary>
    public static IApplicationBuilder UseAcsAuthentication(this IApplicationBuilder app) => app.UseMiddleware<AcsAuthenticationMiddleware>();
}
