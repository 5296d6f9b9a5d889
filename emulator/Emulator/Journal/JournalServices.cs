using Emulator.Infrastructure;

namespace Emulator.Journal;

/// <summary>Registers the request journal and the access log, and puts the journal first in the pipeline.</summary>
internal static class JournalServices
{
    public static IServiceCollection AddRequestJournal(this IServiceCollection services)
    {
        // Read when first resolved, so settings added by a test host after registration count.
        services.AddSingleton(sp => new RequestJournal(JournalSettings.Capacity(sp.GetRequiredService<IConfiguration>())));
        services.AddSingleton(sp => new AccessLog(JournalSettings.AccessLog(sp.GetRequiredService<IConfiguration>()), sp.GetRequiredService<ILoggerFactory>()));
        return services.AddJsonContext(JournalJsonContext.Default);
    }

    /// <summary>Outermost, so it sees the final status of every request, unhandled failures included.</summary>
    public static IApplicationBuilder UseRequestJournal(this IApplicationBuilder app) => app.UseMiddleware<RequestJournalMiddleware>();

    /// <summary>
    /// Marks the end of the entry checks (admin access, body limit, authentication): the journal names a request's
    /// operation and identity only past it, and blames an error answered before it on those checks.
    /// </summary>
    public static IApplicationBuilder UseEntryChecksPassed(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        RequestJournalFeature.PassEntryChecks(context);
        return next(context);
    });
}
