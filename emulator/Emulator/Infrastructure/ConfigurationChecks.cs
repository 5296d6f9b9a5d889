using System.Globalization;

namespace Emulator.Infrastructure;

/// <summary>Checks shared by the features' start-up validators; each problem names its key and the accepted values.</summary>
internal static class ConfigurationChecks
{
    /// <summary>An integer setting from <paramref name="min"/> to <paramref name="max"/>, when it is set.</summary>
    public static void CheckInt(IConfiguration configuration, string key, int min, int max, List<string> errors)
    {
        var value = configuration[key];
        if (value is not null && (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) || n < min || n > max))
        {
            errors.Add($"{key} '{value}' is invalid: use an integer from {min} to {max}.");
        }
    }
}
