using System.Text;

namespace Emulator.Hosting;

/// <summary>
/// Reads the command line before the host sees it: <c>--help</c>, <c>--version</c>, <c>--health-check</c>, the shortcuts
/// and configuration keys of <see cref="Settings.All"/> (<c>--Server:HttpPort 0</c>, <c>--Server__HttpPort=0</c>,
/// <c>Server:HttpPort=0</c>). An unknown option or a stray argument is an error that names it and suggests the closest
/// known option, instead of being ignored as the configuration provider would.
/// </summary>
internal static class CommandLine
{
    public const string HelpFlag = "--help";
    public const string VersionFlag = "--version";

    // Host settings that WebApplicationFactory and `dotnet run` pass as --key=value; not the emulator's own.
    private static readonly string[] HostKeys = ["environment", "contentRoot", "applicationName"];

    private static readonly (string Flag, CommandLineCommand Command, string Meaning)[] Commands =
    [
        (HelpFlag, CommandLineCommand.Help, "Print this text and exit."),
        ("-h", CommandLineCommand.Help, "Same as --help."),
        (VersionFlag, CommandLineCommand.Version, "Print the version and exit."),
        (HealthCheckCommand.Flag, CommandLineCommand.HealthCheck, "Ask a running emulator's readiness endpoint on the configured HTTP port; exit 0 (ready) or 1."),
    ];

    /// <summary>The version <c>--version</c> prints and <c>/emulator/info</c> reports.</summary>
    public static string Version => typeof(CommandLine).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    public static CommandLineResult Parse(IReadOnlyList<string> args)
    {
        var command = CommandLineCommand.Run;
        var settings = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (Array.Find(Commands, c => string.Equals(c.Flag, arg, StringComparison.OrdinalIgnoreCase)) is { Flag: not null } flag)
            {
                command = command == CommandLineCommand.Run ? flag.Command : command;
                continue;
            }

            if (EmulatorConfiguration.FlagMappings.TryGetValue(arg, out var expanded))
            {
                settings.Add(expanded);
                continue;
            }

            var prefix = arg.StartsWith("--", StringComparison.Ordinal) ? 2 : arg.StartsWith('-') ? 1 : 0;
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (prefix == 0 && (equals <= 0 || arg.StartsWith('/')))
            {
                return Fail($"Unexpected argument '{arg}': options take the form --name value (or --Section:Key value).");
            }

            var name = equals > 0 ? arg[prefix..equals] : arg[prefix..];
            var written = arg[..(equals > 0 ? equals : arg.Length)];
            var key = Resolve(written, name, prefix, out var error);
            if (key is null)
            {
                return Fail(error!);
            }

            string value;
            if (equals > 0)
            {
                value = arg[(equals + 1)..];
            }
            else if (i + 1 < args.Count)
            {
                value = args[++i];
            }
            else
            {
                return Fail($"Option '{written}' needs a value.");
            }

            settings.Add($"--{key}={value}");
        }

        return new CommandLineResult(command, [.. settings], null);
    }

    /// <summary>The text of <c>--help</c>: every command and setting with its shortcut and default.</summary>
    public static string HelpText()
    {
        var text = new StringBuilder();
        text.AppendLine($"ACS Identity emulator {Version}: the Azure Communication Services Identity REST API, locally.");
        text.AppendLine();
        text.AppendLine("Usage: Emulator [options]        (dotnet Emulator.dll [options])");
        text.AppendLine();
        text.AppendLine("Commands:");
        foreach (var (flag, _, meaning) in Commands)
        {
            text.AppendLine($"  {flag,-16} {meaning}");
        }

        foreach (var (flag, setting) in EmulatorConfiguration.FlagMappings)
        {
            text.AppendLine($"  {flag,-16} Same as {setting}.");
        }

        text.AppendLine();
        text.AppendLine("Settings: --shortcut value, --Section:Key value (or =value), environment variable Section__Key, or appsettings.json.");
        foreach (var setting in Settings.All)
        {
            var names = setting.Shortcut is null ? $"--{setting.Key}" : $"{setting.Shortcut}, --{setting.Key}";
            var defaultValue = setting.Default.Length == 0 ? "none" : Plain(setting.Default);
            text.AppendLine($"  {names} <value>   (default: {defaultValue})");
            text.AppendLine($"      {Plain(setting.Meaning)}");
        }

        text.AppendLine();
        text.AppendLine("Invalid settings are all reported at start and the process exits with code 2. See README.md, Configuration.");
        return text.ToString();
    }

    /// <summary>The configuration key <paramref name="written"/> stands for, or null and an error naming it.</summary>
    private static string? Resolve(string written, string name, int prefix, out string? error)
    {
        error = null;
        if (Settings.FindShortcut(written) is { } shortcut)
        {
            return shortcut.Key;
        }

        var key = name.Replace("__", ":", StringComparison.Ordinal);
        if (prefix != 1)
        {
            if (key.Contains(':', StringComparison.Ordinal))
            {
                var section = key.Split(':')[0];
                var setting = string.Join(':', key.Split(':').Take(2));
                // Keys of other sections (Logging, Kestrel, …) pass, unless they look like a misspelt known setting.
                if (Settings.Find(setting) is not null
                    || (!Settings.Sections.Contains(section) && !Settings.All.Any(s => Distance(setting, s.Key) <= 2)))
                {
                    return key;
                }
            }
            else if (HostKeys.Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                return key;
            }
        }

        var kind = written.Contains(':', StringComparison.Ordinal) || written.Contains("__", StringComparison.Ordinal) ? "setting" : "option";
        error = $"Unknown {kind} '{written}'{Suggest(written)}";
        return null;
    }

    private static string Suggest(string written)
    {
        var candidates = Settings.All.SelectMany(s => s.Shortcut is null ? [$"--{s.Key}"] : new[] { s.Shortcut, $"--{s.Key}" })
            .Concat(Commands.Select(c => c.Flag));
        var typed = written.Replace("__", ":", StringComparison.Ordinal);
        var best = candidates.Select(c => (Candidate: c, Distance: Distance(typed, c))).MinBy(c => c.Distance);
        return best.Distance <= Math.Max(2, typed.Length / 4) ? $": did you mean {best.Candidate}?" : ".";
    }

    /// <summary>Edit distance with adjacent transpositions (optimal string alignment), ignoring case: <c>--prot</c> is 1 from <c>--port</c>.</summary>
    internal static int Distance(string a, string b)
    {
        a = a.ToUpperInvariant();
        b = b.ToUpperInvariant();
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }

    private static string Plain(string markdown) => markdown.Replace("`", string.Empty, StringComparison.Ordinal);

    private static CommandLineResult Fail(string error)
        => new(CommandLineCommand.Run, [], $"{error} Run 'Emulator --help' for every option.");
}
