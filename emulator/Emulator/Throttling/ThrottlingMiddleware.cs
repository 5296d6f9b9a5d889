using System.Globalization;
using System.Text.Json;
using Emulator.Infrastructure;
using Emulator.Versioning;

namespace Emulator.Throttling;

/// <summary>
/// With <c>Throttling:Mode=Live</c>, answers 429 with <c>Retry-After</c> once an operation's published limit is
/// reached within the sliding window. Runs after authentication, routing and the fault rules, before the handler.
/// </summary>
internal sealed partial class ThrottlingMiddleware(RequestDelegate next, RateLimiter limiter, ILogger<ThrottlingMiddleware> logger)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (!limiter.Enabled || Classify(context) is not { } operation || limiter.TryAcquire(operation) is not { } wait)
        {
            return next(context);
        }

        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        LogThrottled(logger, operation, seconds, context.TraceIdentifier);
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return new AcsErrorResult(AcsErrors.Throttled(seconds)).ExecuteAsync(context);
    }

    /// <summary>The throttled operation of a request, or null for operations without a published limit.</summary>
    public static ThrottledOperation? Classify(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<ApiOperationMetadata>() is not { } metadata)
        {
            return null;
        }

        var operations = metadata.Operations;
        if (operations.HasFlag(ApiOperation.CreateIdentity))
        {
            return HasTokenScopes(context.Features.Get<RequestBody>()) ? ThrottledOperation.CreateIdentityWithToken : ThrottledOperation.CreateIdentity;
        }

        return operations switch
        {
            _ when operations.HasFlag(ApiOperation.IssueAccessToken) || operations.HasFlag(ApiOperation.LegacyIssueToken) => ThrottledOperation.IssueAccessToken,
            _ when operations.HasFlag(ApiOperation.DeleteIdentity) => ThrottledOperation.DeleteIdentity,
            _ when operations.HasFlag(ApiOperation.RevokeAccessTokens) || operations.HasFlag(ApiOperation.LegacyUpdateIdentity) => ThrottledOperation.RevokeAccessTokens,
            _ when operations.HasFlag(ApiOperation.ExchangeTeamsUserToken) => ThrottledOperation.ExchangeTeamsUserToken,
            _ when operations.HasFlag(ApiOperation.ExchangeTeamsExtensionToken) => ThrottledOperation.ExchangeTeamsExtensionToken,
            _ when operations.HasFlag(ApiOperation.ExchangeEntraToken) => ThrottledOperation.ExchangeEntraToken,
            _ => null,
        };
    }

    /// <summary>Whether a create body asks for a token (a non-empty <c>createTokenWithScopes</c>); a bad body counts as a plain create.</summary>
    private static bool HasTokenScopes(RequestBody? body)
    {
        if (body is null || body.IsEmpty)
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(body.Bytes);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("createTokenWithScopes", out var scopes)
                && scopes.ValueKind == JsonValueKind.Array && scopes.GetArrayLength() > 0;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    [LoggerMessage(EventId = 1311, Level = LogLevel.Information, Message = "Throttled {Operation}: retry after {Seconds} s (request {RequestId})")]
    private static partial void LogThrottled(ILogger logger, ThrottledOperation operation, int seconds, string requestId);
}
