using Emulator.Infrastructure;

namespace Emulator.Throttling;

/// <summary>Live throttling: its settings (section <c>Throttling</c>), the rate limiter and the middleware.</summary>
internal static class ThrottlingFeature
{
    /// <summary>Every invalid throttling setting, naming the key and the accepted values.</summary>
    public static IEnumerable<string> Validate(IConfiguration configuration)
    {
        var errors = new List<string>();
        var mode = configuration[ThrottlingOptions.ModeKey];
        if (mode is not null && !Enum.TryParse<ThrottlingMode>(mode, ignoreCase: true, out _))
        {
            errors.Add($"{ThrottlingOptions.ModeKey} '{mode}' is invalid: use Off or Live (--throttle live).");
        }

        ConfigurationChecks.CheckInt(configuration, ThrottlingOptions.WindowSecondsKey, 1, 3600, errors);
        foreach (var key in ThrottlingOptions.LimitKeys)
        {
            ConfigurationChecks.CheckInt(configuration, $"{ThrottlingOptions.SectionName}:{key}", 1, 1_000_000, errors);
        }

        return errors;
    }

    public static IServiceCollection AddThrottling(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ThrottlingOptions>(configuration.GetSection(ThrottlingOptions.SectionName));
        services.AddSingleton<RateLimiter>();
        return services;
    }

    /// <summary>After fault injection, before the api-version check (see <see cref="ThrottlingMiddleware"/>).</summary>
    public static IApplicationBuilder UseThrottling(this IApplicationBuilder app) => app.UseMiddleware<ThrottlingMiddleware>();
}
