using System.Diagnostics;
using Emulator.Faults;
using Emulator.Infrastructure;
using Emulator.Versioning;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Emulator.Journal;

/// <summary>
/// Outermost middleware: times every request, lets the rest of the pipeline answer, then records the journal entry,
/// works out the rejection reason when the answer was an error, and writes the access log line.
/// </summary>
internal sealed class RequestJournalMiddleware(RequestDelegate next, RequestJournal journal, AccessLog accessLog, TimeProvider time)
{
    private static readonly PathString RequestsPath = ApiSurface.EmulatorPrefix + JournalApi.RequestsRoute;
    private static readonly PathString DashboardPath = ApiSurface.EmulatorPrefix + "/ui";

    /// <summary>Sent by the dashboard with its reads, which the journal and the access log leave out.</summary>
    public const string DashboardHeader = "x-emulator-dashboard";

    public async Task InvokeAsync(HttpContext context)
    {
        // The journal's and the dashboard's own reads (the page polls) would push every other request out.
        var request = context.Request;
        if ((!journal.Enabled && accessLog.Mode == AccessLogMode.Off)
            || request.Path.StartsWithSegments(RequestsPath) || request.Path.StartsWithSegments(DashboardPath)
            || (HttpMethods.IsGet(request.Method) && request.Headers.ContainsKey(DashboardHeader)))
        {
            await next(context);
            return;
        }

        var arrived = time.GetUtcNow();
        var started = Stopwatch.GetTimestamp();
        var feature = new RequestJournalFeature();
        context.Features.Set(feature);
        try
        {
            await next(context);
        }
        finally
        {
            var duration = Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 2);
            feature.Answered(context);
            var fault = context.Features.Get<FaultedRequestFeature>();
            var reason = fault is not null ? FaultReason(fault)
                : feature.Error is null && context.Response.StatusCode < 400 ? null
                : RejectionDiagnosis.Explain(context, feature);
            var entry = Describe(context, feature, arrived, duration, reason, fault);
            journal.Add(entry);
            accessLog.Write(context, entry);
        }
    }

    private static string FaultReason(FaultedRequestFeature fault) => fault.Action switch
    {
        "respond" => $"Injected by fault rule '{fault.RuleId}': answered {fault.Status} without running the operation.",
        "abort" => $"Injected by fault rule '{fault.RuleId}': the connection was reset without running the operation.",
        _ => $"Delayed by fault rule '{fault.RuleId}'.",
    };

    private RequestJournalEntry Describe(HttpContext context, RequestJournalFeature feature, DateTimeOffset arrived, double duration, string? reason, FaultedRequestFeature? fault)
    {
        var request = context.Request;
        var scheme = AuthScheme(request.Headers.Authorization.ToString());
        var admin = !ApiSurface.IsEmulated(context);
        var apiVersion = request.Query["api-version"].ToString();
        return new RequestJournalEntry(
            journal.NextSequence(),
            arrived,
            request.Method,
            request.Path.Value ?? "/",
            request.QueryString.HasValue ? request.QueryString.Value : null,
            apiVersion.Length == 0 ? null : apiVersion,
            context.Features.Get<ApiVersionInfo>()?.Name,
            feature.PassedEntryChecks ? Operation(context) : null,
            feature.PassedEntryChecks && request.RouteValues.TryGetValue("id", out var id) ? id as string : null,
            context.Response.StatusCode,
            feature.Error?.Code,
            reason,
            duration,
            Header(request, HeaderNames.ClientRequestId),
            Header(request, "User-Agent"),
            scheme,
            Outcome(feature, scheme, admin),
            fault is null ? null : $"{fault.RuleId}: {fault.Action}");
    }

    private static string? Operation(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        if (endpoint?.Metadata.GetMetadata<ApiOperationMetadata>() is { } metadata)
        {
            var served = context.Features.Get<ApiVersionInfo>();
            var operations = served is null ? metadata.Operations : metadata.Operations & served.Operations;
            return (operations == ApiOperation.None ? metadata.Operations : operations).ToString();
        }

        return endpoint is RouteEndpoint { RoutePattern: RoutePattern pattern } ? $"{context.Request.Method} {pattern.RawText}" : null;
    }

    /// <summary>The scheme only, and only a known one: an unknown "scheme" may be a pasted key.</summary>
    public static string? AuthScheme(string authorization)
    {
        if (authorization.Length == 0)
        {
            return null;
        }

        var space = authorization.IndexOf(' ', StringComparison.Ordinal);
        var scheme = space < 0 ? authorization : authorization[..space];
        return scheme.Equals("HMAC-SHA256", StringComparison.OrdinalIgnoreCase) ? "HMAC-SHA256"
            : scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase) ? "Bearer"
            : "other";
    }

    private static string Outcome(RequestJournalFeature feature, string? scheme, bool admin)
    {
        if (feature.ErrorBeforeOperation && feature.Error?.Family == AcsErrorFamily.Authentication)
        {
            return "rejected";
        }

        // A body too large is refused before authentication looks at the request.
        var notChecked = admin || scheme is null || (feature.ErrorBeforeOperation && feature.Error?.Code == AcsErrors.RequestEntityTooLarge);
        return notChecked ? "none" : "accepted";
    }

    private static string? Header(HttpRequest request, string name)
    {
        var value = request.Headers[name].ToString();
        return value.Length == 0 ? null : value.Length > 512 ? value[..512] : value;
    }
}
