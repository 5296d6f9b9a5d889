using Emulator.Admin;

namespace Emulator.Tokens;

/// <summary>
/// Holds requests while <see cref="SigningKeyProvider"/> still generates the signing key, so every route answers
/// correctly from the moment the emulator listens. The health endpoints pass straight through. Costs one completed-task
/// check per request once the key exists.
/// </summary>
internal sealed class SigningKeyGate(RequestDelegate next, SigningKeyProvider keys)
{
    private static readonly PathString Health = AdminApi.Prefix + "/health";

    public async Task InvokeAsync(HttpContext context)
    {
        var pending = keys.Keys;
        if (!pending.IsCompleted && !context.Request.Path.StartsWithSegments(Health))
        {
            await pending;
        }

        await next(context);
    }
}
