using Emulator.Journal;

namespace Emulator.Hosting;

/// <summary>Command-line shortcuts for the most used settings; every setting also works as <c>--Section:Key value</c>.</summary>
internal static class EmulatorConfiguration
{
    /// <summary>Shortcut → configuration key, from <see cref="Settings.All"/>.</summary>
    public static readonly IReadOnlyDictionary<string, string> SwitchMappings = Settings.All
        .Where(s => s.Shortcut is not null)
        .ToDictionary(s => s.Shortcut!, s => s.Key, StringComparer.Ordinal);

    /// <summary>Shortcuts that take no value: each stands for one setting.</summary>
    public static readonly IReadOnlyDictionary<string, string> FlagMappings = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["--quiet"] = $"--{JournalSettings.AccessLogKey}={AccessLogMode.Off}",
        ["--verbose"] = $"--{JournalSettings.AccessLogKey}={AccessLogMode.Verbose}",
    };

    /// <summary>Adds the command line with the shortcuts on top of the default sources.</summary>
    public static void AddEmulatorCommandLine(this IConfigurationBuilder configuration, string[] args)
        => configuration.AddCommandLine(
            [.. args.Select(a => FlagMappings.GetValueOrDefault(a, a))],
            SwitchMappings.ToDictionary(p => p.Key, p => p.Value));
}
