using Emulator.Infrastructure;

namespace Emulator.Turn;

/// <summary>Registers the TURN credentials' JSON; <see cref="TurnApi.MapTurn"/> maps the operation.</summary>
internal static class TurnFeature
{
    public static IServiceCollection AddTurn(this IServiceCollection services) => services.AddJsonContext(TurnJsonContext.Default);
}
