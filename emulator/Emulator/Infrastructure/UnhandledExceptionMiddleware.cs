using System.Text.Json;

namespace Emulator.Infrastructure;

/// <summary>
/// A bug must not look like a client error: an unexpected exception becomes a 500 whose body says what failed,
/// and a log line with the request id.
/// </summary>
public sealed partial class UnhandledExceptionMiddleware(RequestDelegate next, ILogger<UnhandledExceptionMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
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

    [LoggerMessage(EventId = 1900, Level = LogLevel.Error, Message = "Unhandled exception on {Method} {Path} (request {RequestId})")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, PathString path, string requestId);
}
