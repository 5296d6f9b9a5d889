using Emulator.Configuration;
using Emulator.Hosting;
using Emulator.Infrastructure;
using Microsoft.Extensions.Options;

namespace Emulator.Snapshots;

/// <summary>
/// Snapshots and persistence: their settings (<c>Snapshots:*</c>, <c>Server:PersistState</c>), the services, the
/// dirty-marking step of the pipeline, and loading / writing the state at start and stop.
/// </summary>
internal static class SnapshotsFeature
{
    /// <summary>Every invalid snapshot or persistence setting, naming the key and the accepted values.</summary>
    public static IEnumerable<string> Validate(IConfiguration configuration)
    {
        var errors = new List<string>();
        var persist = configuration[PersistenceOptions.PersistStateKey];
        var persistOn = false;
        if (persist is not null && !bool.TryParse(persist, out persistOn))
        {
            errors.Add($"{PersistenceOptions.PersistStateKey} '{persist}' is invalid: use true or false.");
        }
        else if (persistOn && string.Equals(configuration[ServerOptions.DataDirectoryKey], "none", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"{PersistenceOptions.PersistStateKey} is true but {ServerOptions.DataDirectoryKey} is 'none': give a data directory to keep the state in.");
        }

        ConfigurationChecks.CheckInt(configuration, PersistenceOptions.PersistIntervalMillisecondsKey, 50, 3_600_000, errors);

        var import = configuration[SnapshotOptions.ImportKey];
        if (import is not null && !File.Exists(import))
        {
            errors.Add($"{SnapshotOptions.ImportKey} '{import}' is invalid: the file does not exist (--import FILE).");
        }

        var export = configuration[SnapshotOptions.ExportOnExitKey];
        if (export is not null && (export.Length == 0 || Path.GetDirectoryName(Path.GetFullPath(export)) is not { } directory || !Directory.Exists(directory)))
        {
            errors.Add($"{SnapshotOptions.ExportOnExitKey} '{export}' is invalid: its directory does not exist (--export-on-exit FILE).");
        }

        return errors;
    }

    public static IServiceCollection AddSnapshots(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SnapshotOptions>(configuration.GetSection(SnapshotOptions.SectionName));
        services.Configure<PersistenceOptions>(configuration.GetSection(PersistenceOptions.SectionName));
        services.AddSingleton<SnapshotService>();
        services.AddSingleton<StatePersistence>();
        services.AddHostedService(sp => sp.GetRequiredService<StatePersistence>());
        return services.AddJsonContext(SnapshotsJsonContext.Default);
    }

    /// <summary>With persistence on: marks the state dirty once any request other than GET/HEAD has completed.</summary>
    public static IApplicationBuilder UseStatePersistence(this IApplicationBuilder app)
    {
        var persistence = app.ApplicationServices.GetRequiredService<StatePersistence>();
        if (!persistence.Enabled)
        {
            return app;
        }

        return app.Use(async (context, next) =>
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

    /// <summary>Loads <c>--import</c> or the persisted state, and writes the state on shutdown. Throws <see cref="EmulatorConfigurationException"/>.</summary>
    public static void Start(IServiceProvider services, IHostApplicationLifetime lifetime)
    {
        var snapshots = services.GetRequiredService<SnapshotService>();
        var options = services.GetRequiredService<IOptions<SnapshotOptions>>().Value;
        var persistence = services.GetRequiredService<StatePersistence>();
        if (options.Import is { } import)
        {
            byte[] content;
            try
            {
                content = File.ReadAllBytes(import);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new EmulatorConfigurationException([$"{SnapshotOptions.ImportKey} '{import}' could not be read: {ex.Message}"]);
            }

            if (snapshots.TryApply(content) is { } problem)
            {
                throw new EmulatorConfigurationException([$"{SnapshotOptions.ImportKey} '{import}' cannot be imported: {problem}"]);
            }

            persistence.MarkDirty();
        }
        else
        {
            persistence.Load();
        }

        lifetime.ApplicationStopped.Register(() =>
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
                    Console.Error.WriteLine($"{SnapshotOptions.ExportOnExitKey}: could not write '{export}': {ex.Message}");
                }
            }
        });
    }
}
