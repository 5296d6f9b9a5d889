using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Emulator.Tests.Hardening;

/// <summary>
/// The connection-info seam: makes every request of a test server come from <paramref name="remote"/>, as Kestrel
/// would report a caller on another host. Runs before the emulator's own middleware.
/// </summary>
internal sealed class RemoteAddressStartupFilter(IPAddress remote) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((HttpContext context, RequestDelegate inner) =>
        {
            context.Connection.RemoteIpAddress = remote;
            return inner(context);
        });
        next(app);
    };
}
