using System.Globalization;

namespace Emulator.Configuration;

/// <summary>
/// The checks the options validators share. They read raw strings, so that a bad number is reported, not thrown by
/// the binder; each problem names the key and the values it accepts. Unset keys pass (the default applies).
/// </summary>
internal static class SettingChecks
{
    public static void Port(IConfiguration configuration, string key, bool allowDisabled, List<string> errors)
    {
        var value = configuration[key];
        if (value is null)
        {
            return;
        }

        var min = allowDisabled ? -1 : 0;
        if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var port) || port < min || port > 65535)
        {
            var accepted = allowDisabled ? "0 (any free port), 1-65535, or -1 (off)" : "0 (any free port) or 1-65535";
            errors.Add($"{key} '{value}' is invalid: use {accepted}.");
        }
    }

    public static void Int(IConfiguration configuration, string key, int min, int max, List<string> errors)
    {
        var value = configuration[key];
        if (value is not null && (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) || number < min || number > max))
        {
            errors.Add($"{key} '{value}' is invalid: use a whole number from {min} to {max}.");
        }
    }

    public static void Bool(IConfiguration configuration, string key, List<string> errors)
    {
        var value = configuration[key];
        if (value is not null && !bool.TryParse(value, out _))
        {
            errors.Add($"{key} '{value}' is invalid: use true or false.");
        }
    }

    public static void File(IConfiguration configuration, string key, List<string> errors)
    {
        var value = configuration[key];
        if (!string.IsNullOrEmpty(value) && !System.IO.File.Exists(value))
        {
            errors.Add($"{key} '{value}' is invalid: no such file.");
        }
    }
}
