using Emulator.Configuration;
using Microsoft.Extensions.Options;

namespace Emulator.Infrastructure;

/// <summary>
/// Reads the body of every <c>/emulator/*</c> request once, within <see cref="ServerOptions.MaxAdminRequestBodyBytes"/>,
/// and answers 413 (problem details) past it; handlers get it as <see cref="RequestBody"/> or as the request stream.
/// </summary>
public sealed class AdminRequestBodyMiddleware(RequestDelegate next, IOptions<ServerOptions> server)
{
    private readonly int _limit = server.Value.MaxAdminRequestBodyBytes;

    public async Task InvokeAsync(HttpContext context)
    {
        var body = await RequestBody.ReadAsync(context.Request, _limit, context.RequestAborted);
        if (body is null)
        {
            await TypedResults.Problem($"The request body is larger than {_limit} bytes (Server:MaxAdminRequestBodyBytes).", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request body too large").ExecuteAsync(context);
            return;
        }

        context.Features.Set(body);
        if (!body.IsEmpty)
        {
            context.Request.Body = body.AsStream();
        }

        await next(context);
    }
}
