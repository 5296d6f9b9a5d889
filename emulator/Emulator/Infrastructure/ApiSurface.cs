namespace Emulator.Infrastructure;

/// <summary>
/// The two surfaces a request can be on: the emulated ACS API, declared once as the route group
/// <see cref="MapEmulatedApi"/> returns (its endpoints carry <see cref="EmulatedApiMetadata"/>), and the emulator's own
/// endpoints under <see cref="EmulatorPrefix"/>. Every pipeline stage that treats the two differently (service headers,
/// body limit, authentication, faults, throttling, error shape) asks <see cref="IsEmulated"/>, after routing.
/// </summary>
internal static class ApiSurface
{
    /// <summary>Where the emulator's own endpoints live, outside the emulated API.</summary>
    public const string EmulatorPrefix = "/emulator";

    /// <summary>The route group of the emulated API: map every emulated operation onto it.</summary>
    public static RouteGroupBuilder MapEmulatedApi(this IEndpointRouteBuilder app)
        => app.MapGroup(string.Empty).WithMetadata(EmulatedApiMetadata.Instance);

    /// <summary>
    /// Whether the request is on the emulated API: its endpoint is in the <see cref="MapEmulatedApi"/> group. A request
    /// no route matched (404) or whose method no route takes (405) is emulated unless it is below
    /// <see cref="EmulatorPrefix"/>, as the live service authenticates every path before it looks the path up.
    /// </summary>
    public static bool IsEmulated(HttpContext context) => context.GetEndpoint() is RouteEndpoint endpoint
        ? endpoint.Metadata.GetMetadata<EmulatedApiMetadata>() is not null
        : !context.Request.Path.StartsWithSegments(EmulatorPrefix);
}
