using Emulator.Infrastructure;

namespace Emulator.Throttling;

/// <summary><c>DELETE /emulator/throttling</c> empties the live-throttling windows, so a test need not wait one out.</summary>
internal static class ThrottlingApi
{
    public static IEndpointRouteBuilder MapThrottling(this IEndpointRouteBuilder app)
    {
        app.MapDelete(ApiSurface.EmulatorPrefix + "/throttling", (RateLimiter limiter) =>
        {
            limiter.Clear();
            return TypedResults.NoContent();
        }).ExcludeFromDescription();
        return app;
    }
}
