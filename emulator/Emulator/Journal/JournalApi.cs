using System.Globalization;
using Emulator.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Emulator.Journal;

/// <summary>The request journal under <c>/emulator/requests</c> (docs/emulator-endpoints.md).</summary>
internal static class JournalApi
{
    public const string RequestsRoute = "/requests";

    private const int DefaultLimit = 100;

    public static IEndpointRouteBuilder MapJournal(this IEndpointRouteBuilder app)
    {
        // GET    /emulator/requests[?method=&operation=&status=&identity=&since=&limit=]   newest first
        // DELETE /emulator/requests                                                       forget every entry
        var group = app.MapGroup(ApiSurface.EmulatorPrefix).ExcludeFromDescription();
        group.MapGet(RequestsRoute, List);
        group.MapDelete(RequestsRoute, (RequestJournal journal) =>
        {
            journal.Clear();
            return TypedResults.NoContent();
        });
        return app;
    }

    public static Results<Ok<RequestJournalList>, ProblemHttpResult> List(
        RequestJournal journal, string? method, string? operation, string? status, string? identity, string? since, string? limit)
    {
        var problems = new List<string>();
        var take = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out take) || take < 1 || take > JournalOptions.MaxCapacity))
        {
            problems.Add($"limit must be a whole number from 1 to {JournalOptions.MaxCapacity} (default {DefaultLimit}).");
        }

        var statusFilter = StatusFilter.TryParse(status, problems);
        DateTimeOffset? from = null;
        if (since is not null)
        {
            if (DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                from = parsed;
            }
            else
            {
                problems.Add("since must be an ISO 8601 date-time, e.g. 2026-03-02T09:30:00Z.");
            }
        }

        if (problems.Count > 0)
        {
            return TypedResults.Problem(string.Join(" ", problems), statusCode: 400, title: "Invalid journal filter");
        }

        var entries = journal.Read(
            e => (method is null || e.Method.Equals(method, StringComparison.OrdinalIgnoreCase))
                && (operation is null || (e.Operation?.Contains(operation, StringComparison.OrdinalIgnoreCase) ?? false))
                && statusFilter.Matches(e.Status)
                && (identity is null || (e.Identity?.Contains(identity, StringComparison.OrdinalIgnoreCase) ?? false))
                && (from is null || e.Time >= from),
            take);
        return TypedResults.Ok(new RequestJournalList([.. entries], journal.Capacity, journal.Recorded));
    }
}
