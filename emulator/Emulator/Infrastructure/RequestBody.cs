using System.Runtime.InteropServices;
using Microsoft.AspNetCore.Http.Features;

namespace Emulator.Infrastructure;

/// <summary>
/// The request body, read once with its surface's size limit by <see cref="RequestBodyMiddleware"/> (before
/// authentication, which needs its hash) and handed to handlers as a parameter. Never more than the limit plus one
/// read is held in memory.
/// </summary>
internal sealed class RequestBody(ReadOnlyMemory<byte> bytes)
{
    public static readonly RequestBody Empty = new(ReadOnlyMemory<byte>.Empty);

    public ReadOnlyMemory<byte> Bytes { get; } = bytes;

    public bool IsEmpty => Bytes.IsEmpty;

    public static ValueTask<RequestBody?> BindAsync(HttpContext context) => ValueTask.FromResult<RequestBody?>(Of(context));

    /// <summary>The body <see cref="RequestBodyMiddleware"/> read. Throws when it did not run: a pipeline bug, never a client's.</summary>
    public static RequestBody Of(HttpContext context) => context.Features.Get<RequestBody>()
        ?? throw new InvalidOperationException($"The request body was not read: {nameof(RequestBodyMiddleware)} must run before {context.Request.Method} {context.Request.Path} is authenticated or handled.");

    /// <summary>A read-only stream over the bytes, for handlers that parse the body as a stream.</summary>
    public Stream AsStream() => MemoryMarshal.TryGetArray(Bytes, out var segment)
        ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
        : new MemoryStream(Bytes.ToArray(), writable: false);

    /// <summary>
    /// Reads the whole body, or returns null when it is larger than <paramref name="limit"/>. The server is told the
    /// same limit, so no later reader of the raw stream can take more either.
    /// </summary>
    public static async Task<RequestBody?> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        var body = await ReadWithinAsync(request, limit, cancellationToken);
        if (body is null)
        {
            // The rest of the body is never read, so the connection cannot carry another request: say so, or the
            // server drops it after the answer and the client's next request on it fails.
            request.HttpContext.Response.Headers.Connection = "close";
        }

        return body;
    }

    private static async Task<RequestBody?> ReadWithinAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } serverLimit)
        {
            serverLimit.MaxRequestBodySize = limit;
        }

        if (request.ContentLength is 0 || (request.ContentLength is null && !request.Headers.ContainsKey("Transfer-Encoding")))
        {
            return Empty;
        }

        if (request.ContentLength > limit)
        {
            return null;
        }

        var buffer = new byte[request.ContentLength is long known ? (int)known : 1024];
        var total = 0;
        while (true)
        {
            if (total == buffer.Length)
            {
                if (buffer.Length >= limit + 1)
                {
                    return null;
                }

                Array.Resize(ref buffer, Math.Min(buffer.Length * 2, limit + 1));
            }

            int read;
            try
            {
                read = await request.Body.ReadAsync(buffer.AsMemory(total), cancellationToken);
            }
            catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                // The server counted past the limit first (chunked body): the same answer as counting it here.
                return null;
            }

            if (read == 0)
            {
                break;
            }

            total += read;
            if (total > limit)
            {
                return null;
            }
        }

        return new RequestBody(buffer.AsMemory(0, total));
    }
}
