namespace Emulator.Infrastructure;

/// <summary>
/// Adds the headers the live service sends on every response (reference §5) to the emulated API. A client request id
/// that cannot be a response header (control or non-ASCII characters) is not echoed; the request is served as usual.
/// </summary>
internal sealed class ServiceHeadersMiddleware(RequestDelegate next, TimeProvider time)
{
    public Task InvokeAsync(HttpContext context)
    {
        var started = time.GetTimestamp();
        var headers = context.Response.Headers;
        if (context.Request.Headers.TryGetValue(HeaderNames.ClientRequestId, out var requestId) && requestId.Count > 0 && HeaderNames.IsEchoable(requestId[0]))
        {
            headers[HeaderNames.ClientRequestId] = requestId[0];
        }

        headers[HeaderNames.CorrelationVector] = NewCorrelationVector();
        headers[HeaderNames.RequestContext] = "appId=";
        headers[HeaderNames.StrictTransportSecurity] = "max-age=2592000";
        headers[HeaderNames.Cache] = "CONFIG_NOCACHE";
        headers[HeaderNames.AzureRef] = NewAzureRef();
        context.Response.OnStarting(static state =>
        {
            var (ctx, clock, start) = ((HttpContext, TimeProvider, long))state;
            var ms = (long)clock.GetElapsedTime(start).TotalMilliseconds;
            ctx.Response.Headers[HeaderNames.ProcessingTime] = $"{ms}ms";
            return Task.CompletedTask;
        }, (context, time, started));
        return next(context);
    }

    /// <summary>A correlation vector like the service's: 22 base64 characters and <c>.0</c>.</summary>
    private static string NewCorrelationVector()
    {
        Span<byte> bytes = stackalloc byte[16];
        Span<char> chars = stackalloc char[24];
        Random.Shared.NextBytes(bytes);
        Convert.TryToBase64Chars(bytes, chars, out _);
        chars[22] = '.'; // replaces the "==" padding
        chars[23] = '0';
        return new string(chars);
    }

    private static string NewAzureRef()
    {
        Span<byte> bytes = stackalloc byte[48];
        Random.Shared.NextBytes(bytes);
        return "0" + Convert.ToBase64String(bytes);
    }
}
