using System.Globalization;
using Emulator.Admin;
using Emulator.Faults;
using Emulator.Snapshots;
using Emulator.Throttling;
using Microsoft.Extensions.Options;

namespace Emulator.Hosting;

/// <summary>
/// Wires fault injection, live throttling, snapshots and persistence into the emulator; <see cref="EmulatorApp"/>
/// calls one method of this class at each stage (validate, register, pipeline, endpoints, start).
/// </summary>
public static class FaultsAndState
{
    /// <summary>Checks the settings of these features; every problem names its key and the accepted values.</summary>
    public static IEnumerable<string> Validate(IConfiguration configuration)
    {
        var errors = new List<string>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in configuration.GetSection("Faults:Rules").GetChildren())
        {
            var problems = new List<string>();
            var spec = FaultSpecReader.Read(FaultSpecReader.FromConfiguration(rule), problems, lenientNumbers: true);
            errors.AddRange(problems.Select(p => $"Faults:Rules:{rule.Key}: {p}"));
            if (spec?.Id is { } id && !ids.Add(id))
            {
                errors.Add($"Faults:Rules:{rule.Key}: id '{id}' is used by another rule.");
            }
        }

        var mode = configuration["Throttling:Mode"];
        if (mode is not null && !Enum.TryParse<ThrottlingMode>(mode, ignoreCase: true, out _))
        {
            errors.Add($"Throttling:Mode '{mode}' is invalid: use Off or Live (--throttle live).");
        }

        CheckInt(configuration, "Throttling:WindowSeconds", 1, 3600, errors);
        foreach (var key in ThrottlingOptions.LimitKeys)
        {
            CheckInt(configuration, $"Throttling:{key}", 1, 1_000_000, errors);
        }

        var persist = configuration["Server:PersistState"];
        var persistOn = false;
        if (persist is not null && !bool.TryParse(persist, out persistOn))
        {
            errors.Add($"Server:PersistState '{persist}' is invalid: use true or false.");
        }
        else if (persistOn && string.Equals(configuration["Server:DataDirectory"], "none", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add("Server:PersistState is true but Server:DataDirectory is 'none': give a data directory to keep the state in.");
        }

        CheckInt(configuration, "Server:PersistIntervalMilliseconds", 50, 3_600_000, errors);

        var import = configuration["Snapshots:Import"];
        if (import is not null && !File.Exists(import))
        {
            errors.Add($"Snapshots:Import '{import}' is invalid: the file does not exist (--import FILE).");
        }

        var export = configuration["Snapshots:ExportOnExit"];
        if (export is not null && (export.Length == 0 || Path.GetDirectoryName(Path.GetFullPath(export)) is not { } directory || !Directory.Exists(directory)))
        {
            errors.Add($"Snapshots:ExportOnExit '{export}' is invalid: its directory does not exist (--export-on-exit FILE).");
        }

        return errors;
    }

    public static IServiceCollection AddFaultsAndState(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ThrottlingOptions>(configuration.GetSection(ThrottlingOptions.SectionName));
        services.Configure<SnapshotOptions>(configuration.GetSection(SnapshotOptions.SectionName));
        services.Configure<PersistenceOptions>(configuration.GetSection(PersistenceOptions.SectionName));
        services.AddSingleton(sp =>
        {
            var store = new FaultStore();
            var now = sp.GetRequiredService<TimeProvider>().GetUtcNow();
            foreach (var rule in configuration.GetSection("Faults:Rules").GetChildren())
            {
                // Validated at start (Validate above), so every rule reads.
                if (FaultSpecReader.Read(FaultSpecReader.FromConfiguration(rule), [], lenientNumbers: true) is { } spec)
                {
                    store.Add(spec, now);
                }
            }

            return store;
        });
        services.AddSingleton<RateLimiter>();
        services.AddSingleton<SnapshotService>();
        services.AddSingleton<StatePersistence>();
        services.AddHostedService(sp => sp.GetRequiredService<StatePersistence>());
        return services;
    }

    /// <summary>After routing, before api-version checks: marks state dirty for persistence, applies faults then throttling.</summary>
    public static void UseFaultsAndThrottling(this WebApplication app)
    {
        var persistence = app.Services.GetRequiredService<StatePersistence>();
        if (persistence.Enabled)
        {
            app.Use(async (context, next) =>
            {
                try
                {
                    await next(context);
                }
                finally
                {
                    if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
                    {
                        persistence.MarkDirty();
                    }
                }
            });
        }

        app.UseWhen(context => !context.Request.Path.StartsWithSegments(AdminApi.Prefix), api =>
        {
            api.UseMiddleware<FaultMiddleware>();
            api.UseMiddleware<ThrottlingMiddleware>();
        });
    }

    public static IEndpointRouteBuilder MapFaultsAndState(this IEndpointRouteBuilder app)
        => app.MapFaults().MapThrottling().MapSnapshots();

    /// <summary>Loads <c>--import</c> or the persisted state, and writes the state on shutdown. Throws <see cref="EmulatorConfigurationException"/>.</summary>
    public static void Start(WebApplication app)
    {
        var snapshots = app.Services.GetRequiredService<SnapshotService>();
        var options = app.Services.GetRequiredService<IOptions<SnapshotOptions>>().Value;
        var persistence = app.Services.GetRequiredService<StatePersistence>();
        if (options.Import is { } import)
        {
            byte[] content;
            try
            {
                content = File.ReadAllBytes(import);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new EmulatorConfigurationException([$"Snapshots:Import '{import}' could not be read: {ex.Message}"]);
            }

            if (snapshots.TryApply(content) is { } problem)
            {
                throw new EmulatorConfigurationException([$"Snapshots:Import '{import}' cannot be imported: {problem}"]);
            }

            persistence.MarkDirty();
        }
        else
        {
            persistence.Load();
        }

        app.Lifetime.ApplicationStopped.Register(() =>
        {
            persistence.Flush();
            if (options.ExportOnExit is { } export)
            {
                try
                {
                    StateFile.WriteAtomically(export, snapshots.Serialize());
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    Console.Error.WriteLine($"Snapshots:ExportOnExit: could not write '{export}': {ex.Message}");
                }
            }
        });
    }

    private static void CheckInt(IConfiguration configuration, string key, int min, int max, List<string> errors)
    {
        var value = configuration[key];
        if (value is not null && (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) || n < min || n > max))
        {
            errors.Add($"{key} '{value}' is invalid: use an integer from {min} to {max}.");
        }
    }
}
