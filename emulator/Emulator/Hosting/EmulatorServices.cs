using Emulator.Admin;
using Emulator.Authentication;
using Emulator.Configuration;
using Emulator.Dashboard;
using Emulator.Faults;
using Emulator.Identities;
using Emulator.Infrastructure;
using Emulator.Journal;
using Emulator.Snapshots;
using Emulator.Teams;
using Emulator.Throttling;
using Emulator.Tokens;
using Emulator.Turn;
using Emulator.Versioning;
using Microsoft.Extensions.Options;

namespace Emulator.Hosting;

/// <summary>Registers every feature's services, and the host's own: listening, the data directory, the resource, HTTPS.</summary>
internal static class EmulatorServices
{
    /// <summary>Every invalid setting of every feature, naming the key and the accepted values.</summary>
    public static IEnumerable<string> Validate(IConfiguration configuration)
        => SettingsValidator.Validate(configuration)
            .Concat(FaultsFeature.Validate(configuration))
            .Concat(ThrottlingFeature.Validate(configuration))
            .Concat(SnapshotsFeature.Validate(configuration))
            .Concat(JournalSettings.Validate(configuration))
            .Concat(AdminOptions.Validate(configuration));

    public static IServiceCollection AddEmulator(this IServiceCollection services, IConfiguration configuration)
        => services
            .AddEmulatorInfrastructure()
            .AddEmulatorHost(configuration)
            .AddApiVersioning(configuration)
            .AddTokens(configuration)
            .AddIdentities()
            .AddTeams()
            .AddTurn()
            .AddAcsAuthentication(configuration)
            .AddAdmin(configuration)
            .AddFaults(configuration)
            .AddThrottling(configuration)
            .AddSnapshots(configuration)
            .AddRequestJournal()
            .AddDashboard();

    /// <summary>The host's settings (sections <c>Server</c>, <c>Resource</c>) and what they load. Keys and certificates are loaded once, at start.</summary>
    private static IServiceCollection AddEmulatorHost(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ServerOptions>(configuration.GetSection(ServerOptions.SectionName));
        services.Configure<ResourceOptions>(configuration.GetSection(ResourceOptions.SectionName));
        services.AddSingleton(sp => new DataDirectory(sp.GetRequiredService<IOptions<ServerOptions>>().Value.ResolvedDataDirectory));
        services.AddSingleton(sp => sp.GetRequiredService<DataDirectory>().ResolveResource(
            sp.GetRequiredService<IOptions<ResourceOptions>>().Value, sp.GetRequiredService<IOptions<TokenOptions>>().Value));
        services.AddSingleton(sp => HttpsCertificate.Load(
            sp.GetRequiredService<IOptions<ServerOptions>>().Value,
            sp.GetRequiredService<DataDirectory>(),
            sp.GetRequiredService<ResourceSettings>().EndpointHost,
            TimeProvider.System)); // TLS clients check the certificate against real time, never an injected test clock.
        services.AddSingleton<Readiness>();
        services.AddSingleton<BoundUrls>();
        return services;
    }
}
