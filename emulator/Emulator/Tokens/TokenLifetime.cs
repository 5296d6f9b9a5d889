namespace Emulator.Tokens;

/// <summary>Token lifetimes of the service: <c>expiresInMinutes</c> is 60..1440, default 1440 (reference §2.1).</summary>
internal static class TokenLifetime
{
    public const int DefaultMinutes = 1440;
    public const int MinMinutes = 60;
    public const int MaxMinutes = 1440;

    public static bool IsValid(int minutes) => minutes is >= MinMinutes and <= MaxMinutes;
}
