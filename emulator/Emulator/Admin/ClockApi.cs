using System.Text.Json;
using Emulator.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Emulator.Admin;

/// <summary>Time control: read the emulated clock, move it forward, set or clear its offset from real time.</summary>
internal static class ClockApi
{
    private static readonly TimeSpan MaxOffset = TimeSpan.FromDays(3650);

    public static RouteGroupBuilder MapClock(this RouteGroupBuilder group)
    {
        group.MapGet("/clock", (EmulatorClock clock) => TypedResults.Ok(ClockView.From(clock)));
        group.MapPost("/clock/advance", Advance);
        group.MapPut("/clock", Set);
        group.MapDelete("/clock", (EmulatorClock clock) =>
        {
            clock.SetOffset(TimeSpan.Zero);
            return TypedResults.Ok(ClockView.From(clock));
        });
        return group;
    }

    public static async Task<Results<Ok<ClockView>, ProblemHttpResult>> Advance(HttpRequest request, EmulatorClock clock)
    {
        var seconds = await ReadNumberAsync(request, "seconds");
        if (seconds is not double s || s < 0 || double.IsNaN(s) || s > MaxOffset.TotalSeconds)
        {
            return TypedResults.Problem("The body must be {\"seconds\": N} with 0 <= N <= 315360000.", statusCode: 400, title: "Invalid clock advance");
        }

        var advanced = clock.Offset + TimeSpan.FromSeconds(s);
        if (advanced > MaxOffset)
        {
            return TypedResults.Problem("The clock cannot be moved more than 3650 days from real time.", statusCode: 400, title: "Invalid clock advance");
        }

        clock.Advance(TimeSpan.FromSeconds(s));
        return TypedResults.Ok(ClockView.From(clock));
    }

    public static async Task<Results<Ok<ClockView>, ProblemHttpResult>> Set(HttpRequest request, EmulatorClock clock)
    {
        using var document = await TryParseAsync(request);
        var root = document?.RootElement;
        TimeSpan? offset = null;
        if (root?.ValueKind == JsonValueKind.Object)
        {
            if (root.Value.TryGetProperty("offsetSeconds", out var seconds) && seconds.ValueKind == JsonValueKind.Number && seconds.TryGetDouble(out var s) && !double.IsNaN(s) && Math.Abs(s) <= MaxOffset.TotalSeconds)
            {
                offset = TimeSpan.FromSeconds(s);
            }
            else if (root.Value.TryGetProperty("now", out var now) && now.ValueKind == JsonValueKind.String && now.TryGetDateTimeOffset(out var at))
            {
                var candidate = at - clock.RealTime.GetUtcNow();
                offset = candidate.Duration() <= MaxOffset ? candidate : null;
            }
        }

        if (offset is null)
        {
            return TypedResults.Problem("The body must be {\"offsetSeconds\": N} or {\"now\": \"<ISO 8601 date-time>\"}, within 3650 days of real time.", statusCode: 400, title: "Invalid clock setting");
        }

        clock.SetOffset(offset.Value);
        return TypedResults.Ok(ClockView.From(clock));
    }

    private static async Task<double?> ReadNumberAsync(HttpRequest request, string name)
    {
        using var document = await TryParseAsync(request);
        return document?.RootElement is { ValueKind: JsonValueKind.Object } root && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number)
            ? number
            : null;
    }

    private static async Task<JsonDocument?> TryParseAsync(HttpRequest request)
    {
        try
        {
            var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
            if (JsonRequest.InvalidText(document.RootElement, "$") is not null)
            {
                document.Dispose(); // a name or string that is not text would throw when compared
                return null;
            }

            return document;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
