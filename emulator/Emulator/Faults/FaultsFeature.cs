using Emulator.Infrastructure;

namespace Emulator.Faults;

/// <summary>Fault injection: its settings (<c>Faults:Rules</c>), the rule store, the middleware and the JSON of its views.</summary>
internal static class FaultsFeature
{
    /// <summary>The configuration key of the fault rules loaded at start (a list, <c>Faults:Rules:N:…</c>).</summary>
    public const string RulesKey = "Faults:Rules";

    /// <summary>Every invalid configured rule, naming its key.</summary>
    public static IEnumerable<string> Validate(IConfiguration configuration)
    {
        var errors = new List<string>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in configuration.GetSection(RulesKey).GetChildren())
        {
            var problems = new List<string>();
            var spec = FaultSpecReader.Read(FaultSpecReader.FromConfiguration(rule), problems, lenientNumbers: true);
            errors.AddRange(problems.Select(p => $"{RulesKey}:{rule.Key}: {p}"));
            if (spec?.Id is { } id && !ids.Add(id))
            {
                errors.Add($"{RulesKey}:{rule.Key}: id '{id}' is used by another rule.");
            }
        }

        return errors;
    }

    public static IServiceCollection AddFaults(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(sp =>
        {
            var store = new FaultStore();
            var now = sp.GetRequiredService<TimeProvider>().GetUtcNow();
            foreach (var rule in configuration.GetSection(RulesKey).GetChildren())
            {
                // Validated at start (Validate above), so every rule reads.
                if (FaultSpecReader.Read(FaultSpecReader.FromConfiguration(rule), [], lenientNumbers: true) is { } spec)
                {
                    store.Add(spec, now);
                }
            }

            return store;
        });
        return services.AddJsonContext(FaultsJsonContext.Default);
    }

    /// <summary>After authentication and routing, before throttling and the api-version check (see <see cref="FaultMiddleware"/>).</summary>
    public static IApplicationBuilder UseFaults(this IApplicationBuilder app) => app.UseMiddleware<FaultMiddleware>();
}
