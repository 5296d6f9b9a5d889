using System.Text.Json;

namespace Emulator.Infrastructure;

/// <summary>
/// A bug must not look like a client error, and a client error must not look like a bug. A request the HTTP server
/// could not read (<see cref="BadHttpRequestException"/>: bad chunked framing, a body over the server's limit) is
/// answered with its own 4xx — ACS-shaped on the emulated API, problem details on <c>/emulator/*</c>. Any other
/// exception becomes a 500 whose body says what failed, and a log line with the request id.
/// </summary>
internal sealed partial class UnhandledExceptionMiddleware(RequestDelegate next, ILogger<UnhandledExceptionMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException ex) when (!context.RequestAborted.IsCancellationRequested && !context.Response.HasStarted)
        {
            LogUnreadable(logger, context.Request.Method, context.Request.Path, ex.StatusCode, ex.Message, context.TraceIdentifier);
            await WriteUnreadableAsync(context, ex);
        }
        catch (Exception ex) when (!context.RequestAborted.IsCancellationRequested)
        {
            LogUnhandled(logger, ex, context.Request.Method, context.Request.Path, context.TraceIdentifier);
            if (context.Response.HasStarted)
            {
                throw;
            }

            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            context.Response.ContentType = "application/json";
            await using var writer = new Utf8JsonWriter(context.Response.Body, AcsErrorResult.WriterOptions);
            AcsErrorResult.WriteBody(writer, new AcsError(500, "InternalError", $"The emulator failed unexpectedly ({ex.GetType().Name}: {ex.Message}); request {context.TraceIdentifier}. Please report it."));
        }
    }

    /// <summary>The service headers already set (client request id, MS-CV) stay: this is an answer, not a failure.</summary>
    private static Task WriteUnreadableAsync(HttpContext context, BadHttpRequestException ex)
    {
        var status = ex.StatusCode is >= 400 and < 500 ? ex.StatusCode : StatusCodes.Status400BadRequest;
        context.Response.Headers.ContentLength = null;
        if (!ApiSurface.IsEmulated(context))
        {
            return TypedResults.Problem(ex.Message, statusCode: status, title: "Unreadable request").ExecuteAsync(context);
        }

        return new AcsErrorResult(AcsErrors.UnreadableRequest(status, ex.Message)).ExecuteAsync(context);
    }

    [LoggerMessage(EventId = 1900, Level = LogLevel.Error, Message = "Unhandled exception on {Method} {Path} (request {RequestId})")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, PathString path, string requestId);

    [LoggerMessage(EventId = 1901, Level = LogLevel.Information, Message = "Unreadable request {Method} {Path}: {Status} {Reason} (request {RequestId})")]
    private static partial void LogUnreadable(ILogger logger, string method, PathString path, int status, string reason, string requestId);
}
