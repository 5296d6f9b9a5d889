using Emulator.Configuration;
using Microsoft.Extensions.Options;

namespace Emulator.Infrastructure;

/// <summary>
/// The one step that reads a request's body: once, within the limit of its surface
/// (<see cref="ServerOptions.MaxRequestBodyBytes"/> on the emulated API, <see cref="ServerOptions.MaxAdminRequestBodyBytes"/>
/// on <c>/emulator/*</c>). Past it the answer is 413, ACS-shaped or problem details. Handlers get the body as
/// <see cref="RequestBody"/> (which fails loudly if this step did not run) or as the request stream.
/// </summary>
internal sealed class RequestBodyMiddleware(RequestDelegate next, IOptions<ServerOptions> server)
{
    private readonly int _apiLimit = server.Value.MaxRequestBodyBytes;
    private readonly int _emulatorLimit = server.Value.MaxAdminRequestBodyBytes;

    public async Task InvokeAsync(HttpContext context)
    {
        var emulated = ApiSurface.IsEmulated(context);
        var limit = emulated ? _apiLimit : _emulatorLimit;
        var body = await RequestBody.ReadAsync(context.Request, limit, context.RequestAborted);
        if (body is null)
        {
            IResult tooLarge = emulated
                ? new AcsErrorResult(AcsErrors.BodyTooLarge(limit))
                : TypedResults.Problem($"The request body is larger than {limit} bytes (Server:MaxAdminRequestBodyBytes).", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request body too large");
            await tooLarge.ExecuteAsync(context);
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
