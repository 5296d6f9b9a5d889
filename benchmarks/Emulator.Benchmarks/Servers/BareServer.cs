using System.Net;

namespace Emulator.Benchmarks.Servers;

/// <summary>The framework's ceiling: a minimal endpoint on Kestrel that answers POST /identities with the canned bytes.</summary>
public static class BareServer
{
    public static async Task<int> RunAsync(string[] args)
    {
        var port = CannedIdentity.Port(args);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, port);
        });

        await using var app = builder.Build();
        app.MapPost("/identities", static (HttpContext context) =>
        {
            context.Response.StatusCode = StatusCodes.Status201Created;
            context.Response.ContentType = CannedIdentity.ContentType;
            context.Response.ContentLength = CannedIdentity.Body.Length;
            return context.Response.Body.WriteAsync(CannedIdentity.Body).AsTask();
        });

        await app.StartAsync();
        Console.WriteLine($"bare endpoint listening on 127.0.0.1:{port}");
        await CannedIdentity.ParentGone();
        await app.StopAsync();
        return 0;
    }
}
