namespace Emulator.Infrastructure;

/// <summary>
/// JWT <c>exp</c>/<c>iat</c>/<c>nbf</c> claims are any JSON integer a caller chose; <see cref="DateTimeOffset"/> covers
/// years 1 to 9999 only, so a claim outside that range is clamped to the nearest representable instant.
/// </summary>
internal static class UnixTime
{
    private static readonly long MinSeconds = DateTimeOffset.MinValue.ToUnixTimeSeconds();
    private static readonly long MaxSeconds = DateTimeOffset.MaxValue.ToUnixTimeSeconds();

    /// <summary>The instant <paramref name="seconds"/> after 1970-01-01T00:00Z, clamped to <see cref="DateTimeOffset"/>'s range.</summary>
    public static DateTimeOffset FromSeconds(long seconds) => seconds switch
    {
        _ when seconds > MaxSeconds => DateTimeOffset.MaxValue,
        _ when seconds < MinSeconds => DateTimeOffset.MinValue,
        _ => DateTimeOffset.FromUnixTimeSeconds(seconds),
    };
}
