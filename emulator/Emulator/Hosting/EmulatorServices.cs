using Emulator.Admin;
using Emulator.Authentication;
using Emulator.Configuration;
using Emulator.Identities;
using Emulator.Infrastructure;
using Emulator.Teams;
using Emulator.Tokens;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Emulator.Hosting;

/// <summary>Registers the emulator's options and singletons. Keys and certificates are loaded once, at start.</summary>
public static class EmulatorServices
{
    public static IServiceCollection AddEmulator(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ServerOptions>(configuration.GetSection(ServerOptions.SectionName));
        services.Configure<ResourceOptions>(configuration.GetSection(ResourceOptions.SectionName));
        services.Configure<TokenOptions>(configuration.GetSection(TokenOptions.SectionName));
        services.Configure<ApiVersionOptions>(configuration.GetSection(ApiVersionOptions.SectionName));
        services.Configure<AuthenticationOptions>(configuration.GetSection(AuthenticationOptions.SectionName));
        services.Configure<AdminOptions>(configuration.GetSection(AdminOptions.SectionName));

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new EmulatorClock(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new DataDirectory(sp.GetRequiredService<IOptions<ServerOptions>>().Value.ResolvedDataDirectory));
        services.AddSingleton(sp => sp.GetRequiredService<DataDirectory>().ResolveResource(
            sp.GetRequiredService<IOptions<ResourceOptions>>().Value, sp.GetRequiredService<IOptions<TokenOptions>>().Value));
        services.AddSingleton(sp => new SigningKeyProvider(
            sp.GetRequiredService<IOptions<TokenOptions>>().Value, sp.GetRequiredService<DataDirectory>(), sp.GetRequiredService<ILogger<SigningKeyProvider>>()));
        services.AddSingleton(sp => sp.GetRequiredService<SigningKeyProvider>().Value);
        services.AddSingleton(sp => HttpsCertificate.Load(
            sp.GetRequiredService<IOptions<ServerOptions>>().Value,
            sp.GetRequiredService<DataDirectory>(),
            sp.GetRequiredService<ResourceSettings>().EndpointHost,
            TimeProvider.System)); // TLS clients check the certificate against real time, never an injected test clock.
        services.AddSingleton<IdentityStore>();
        services.AddSingleton<AssignmentStore>();
        services.AddSingleton<TokenSigner>();
        services.AddSingleton<AccessTokenIssuer>();
        services.AddSingleton<TokenValidator>();
        services.AddSingleton<Jwks>();
        services.AddSingleton<HmacAuthenticator>();
        services.AddSingleton<EntraTokenValidator>();
        services.AddSingleton<Readiness>();
        services.AddSingleton<EmulatorEndpoints>();
        services.AddHttpClient();
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, AcsJsonContext.Default);
            o.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull;
        });
        services.AddProblemDetails();
        return services;
    }
}
