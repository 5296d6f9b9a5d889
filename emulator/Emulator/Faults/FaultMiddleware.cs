using Emulator.Infrastructure;

namespace Emulator.Faults;

/// <summary>
/// Applies the fault rules to emulated requests. It runs after authentication and routing (so a wrongly signed
/// request still gets its 401, and rules can match the operation and the identity of the route) and before the
/// api-version check and the handler: a request that is answered or aborted by a rule never reaches a handler and
/// changes nothing. A delay-only rule waits, then lets the request through; if the client gives up while it waits,
/// the request goes no further.
/// </summary>
internal sealed partial class FaultMiddleware(RequestDelegate next, FaultStore faults, TimeProvider time, ILogger<FaultMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (faults.Fire(context) is not { } rule)
        {
            await next(context);
            return;
        }

        var spec = rule.Spec;
        var action = spec.Abort ? "abort" : spec.Status is not null ? "respond" : "delay";
        context.Features.Set(new FaultedRequestFeature(rule.Id, action, spec.Status));
        LogFired(logger, rule.Id, action, context.Request.Method, context.Request.Path, context.TraceIdentifier);

        if (spec.DelayMilliseconds > 0)
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(spec.DelayMilliseconds), time, context.RequestAborted);
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                return; // The client gave up: nothing to answer, nothing to run.
            }
        }

        if (spec.Abort)
        {
            context.Abort();
            return;
        }

        if (rule.Error is { } error)
        {
            foreach (var (name, value) in spec.Headers)
            {
                context.Response.Headers[name] = value;
            }

            await new AcsErrorResult(error).ExecuteAsync(context);
            return;
        }

        await next(context);
    }

    [LoggerMessage(EventId = 1301, Level = LogLevel.Information, Message = "Fault rule {RuleId} fired ({Action}) for {Method} {Path} (request {RequestId})")]
    private static partial void LogFired(ILogger logger, string ruleId, string action, string method, PathString path, string requestId);
}
