namespace Emulator.Journal;

/// <summary>Registers the request journal and the access log, and puts the journal first in the pipeline.</summary>
public static class JournalServices
{
    public static IServiceCollection AddRequestJournal(this IServiceCollection services)
    {
        // Read when first resolved, so settings added by a test host after registration count.
        services.AddSingleton(sp => new RequestJournal(JournalSettings.Capacity(sp.GetRequiredService<IConfiguration>())));
        services.AddSingleton(sp => new AccessLog(JournalSettings.AccessLog(sp.GetRequiredService<IConfiguration>()), sp.GetRequiredService<ILoggerFactory>()));
        return services;
    }

    /// <summary>Outermost, so it sees the final status of every request, unhandled failures included.</summary>
    public static IApplicationBuilder UseRequestJournal(this IApplicationBuilder app) => app.UseMiddleware<RequestJournalMiddleware>();
}
