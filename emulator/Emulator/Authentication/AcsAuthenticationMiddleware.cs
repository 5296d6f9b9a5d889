using Emulator.Infrastructure;

namespace Emulator.Authentication;

/// <summary>
/// Authenticates every emulated request (HMAC access key over the body <see cref="RequestBodyMiddleware"/> read, or an
/// Entra ID bearer token) before its operation's checks, so wrong credentials never reach a handler.
/// </summary>
internal sealed partial class AcsAuthenticationMiddleware(
    RequestDelegate next,
    HmacAuthenticator hmac,
    EntraTokenValidator entra,
    ILogger<AcsAuthenticationMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var error = await AuthenticateAsync(context, RequestBody.Of(context));
        if (error is not null)
        {
            LogRejected(logger, context.Request.Method, context.Request.Path, error.Code, context.TraceIdentifier);
            await new AcsErrorResult(error).ExecuteAsync(context);
            return;
        }

        await next(context);
    }

    private async Task<AcsError?> AuthenticateAsync(HttpContext context, RequestBody body)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        if (authorization.Length == 0)
        {
            return AcsErrors.MissingAuthorization();
        }

        var space = authorization.IndexOf(' ', StringComparison.Ordinal);
        var scheme = space < 0 ? authorization : authorization[..space];
        var parameters = space < 0 ? string.Empty : authorization[(space + 1)..].Trim();
        if (scheme.Equals(HmacAuthenticator.Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return hmac.Verify(context, parameters, body);
        }

        if (scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            var token = await entra.ValidateBearerAsync(parameters, context.RequestAborted);
            if (token.IsValid)
            {
                context.Features.Set(token);
                return null;
            }

            LogBearerRejected(logger, token.Reason ?? "invalid", context.TraceIdentifier);
            Journal.RequestJournalFeature.Reject(context, token.Reason ?? "invalid");
            return AcsErrors.BearerInvalid();
        }

        return AcsErrors.MalformedAuthorization("Use 'HMAC-SHA256' or 'Bearer' authorization.");
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Rejected {Method} {Path}: {Code} (request {RequestId})")]
    private static partial void LogRejected(ILogger logger, string method, PathString path, string code, string requestId);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Bearer token rejected: {Reason} (request {RequestId})")]
    private static partial void LogBearerRejected(ILogger logger, string reason, string requestId);
}
