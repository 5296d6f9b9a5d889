using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Emulator.Infrastructure;

/// <summary>Registers the shared plumbing every feature uses: the clock, JSON and problem details.</summary>
internal static class InfrastructureServices
{
    public static IServiceCollection AddEmulatorInfrastructure(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new EmulatorClock(sp.GetRequiredService<TimeProvider>()));
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull);
        services.AddJsonContext(AcsJsonContext.Default);
        services.AddProblemDetails();
        return services;
    }

    /// <summary>Adds a feature's source-generated JSON context to the resolver chain of the HTTP JSON options.</summary>
    public static IServiceCollection AddJsonContext(this IServiceCollection services, IJsonTypeInfoResolver context)
        => services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, context));
}
