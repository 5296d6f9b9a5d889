namespace Emulator.Infrastructure;

/// <summary>
/// The request body of an emulated operation, read once by <see cref="Authentication.AcsAuthenticationMiddleware"/>
/// (which needs its hash) and handed to handlers as a parameter.
/// </summary>
public sealed class RequestBody(ReadOnlyMemory<byte> bytes)
{
    public static readonly RequestBody Empty = new(ReadOnlyMemory<byte>.Empty);

    public ReadOnlyMemory<byte> Bytes { get; } = bytes;

    public bool IsEmpty => Bytes.IsEmpty;

    public static ValueTask<RequestBody?> BindAsync(HttpContext context)
        => ValueTask.FromResult<RequestBody?>(context.Features.Get<RequestBody>() ?? Empty);

    /// <summary>Reads the whole body, or returns null when it is larger than <paramref name="limit"/>.</summary>
    public static async Task<RequestBody?> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
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

            var read = await request.Body.ReadAsync(buffer.AsMemory(total), cancellationToken);
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
