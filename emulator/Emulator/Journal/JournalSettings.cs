using System.Globalization;

namespace Emulator.Journal;

/// <summary>Reads and checks the journal's and the access log's settings; every problem is reported at start.</summary>
internal static class JournalSettings
{
    public const string AccessLogKey = "Logging:AccessLog";
    public const string CapacityKey = JournalOptions.SectionName + ":" + nameof(JournalOptions.Capacity);

    /// <summary>Every invalid journal or access-log setting, naming the key and the accepted values.</summary>
    public static IReadOnlyList<string> Validate(IConfiguration configuration)
    {
        var errors = new List<string>();
        var capacity = configuration[CapacityKey];
        if (capacity is not null && (!int.TryParse(capacity, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value > JournalOptions.MaxCapacity))
        {
            errors.Add($"{CapacityKey}: '{capacity}' is not a whole number from 0 (off) to {JournalOptions.MaxCapacity}.");
        }

        var accessLog = configuration[AccessLogKey];
        if (accessLog is not null && !TryParseMode(accessLog, out _))
        {
            errors.Add($"{AccessLogKey}: '{accessLog}' is not one of Off, On, Verbose (--quiet is Off, --verbose is Verbose).");
        }

        return errors;
    }

    public static int Capacity(IConfiguration configuration)
        => int.TryParse(configuration[CapacityKey], NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : new JournalOptions().Capacity;

    public static AccessLogMode AccessLog(IConfiguration configuration)
        => TryParseMode(configuration[AccessLogKey], out var mode) ? mode : AccessLogMode.On;

    private static bool TryParseMode(string? value, out AccessLogMode mode)
    {
        // Names only: Enum.TryParse would also take "1" or "7".
        mode = AccessLogMode.On;
        if (value is null)
        {
            return false;
        }

        return Enum.TryParse(value, ignoreCase: true, out mode) && Enum.IsDefined(mode) && !int.TryParse(value, out _);
    }
}
