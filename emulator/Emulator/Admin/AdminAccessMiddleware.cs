using Emulator.Configuration;
using Microsoft.Extensions.Options;

namespace Emulator.Admin;

/// <summary>Applies <see cref="AdminAccess"/> to every request below <see cref="AdminApi.Prefix"/>; a refusal is a problem+json 401/403 that says how to opt in.</summary>
internal sealed class AdminAccessMiddleware(RequestDelegate next, IOptions<AdminOptions> options, ResourceSettings resource)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!request.Path.StartsWithSegments(AdminApi.Prefix, StringComparison.OrdinalIgnoreCase, out var rest))
        {
            return next(context);
        }

        var decision = AdminAccess.Decide(request.Method, rest.Value ?? string.Empty, context.Connection.RemoteIpAddress,
            request.Headers[AdminAccess.KeyHeader].ToString(), options.Value.RemoteAccess, resource.AccessKey);
        if (decision == AdminAccessDecision.Allowed)
        {
            return next(context);
        }

        var wrong = decision == AdminAccessDecision.KeyWrong;
        var detail = (wrong ? $"The {AdminAccess.KeyHeader} header does not match the access key. " : string.Empty)
            + $"{request.Method} {AdminApi.Prefix}{rest} answers loopback callers only, because it serves the access key or changes the emulator's state, and this request came from {context.Connection.RemoteIpAddress}. "
            + $"From another host, send the access key (the accesskey of the connection string the emulator prints) in the {AdminAccess.KeyHeader} header, "
            + "or start the emulator with --admin-remote Open (Admin:RemoteAccess=Open, environment Admin__RemoteAccess=Open) on a trusted network. "
            + "Health, certificate, JWKS, discovery and token validation stay open. See docs/emulator-endpoints.md.";
        return Results.Problem(detail, statusCode: wrong ? StatusCodes.Status403Forbidden : StatusCodes.Status401Unauthorized,
            title: wrong ? "Wrong emulator access key" : "Emulator access key required").ExecuteAsync(context);
    }
}
