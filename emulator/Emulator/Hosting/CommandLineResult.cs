namespace Emulator.Hosting;

/// <summary>
/// What the command line asks for: <see cref="Command"/>, the settings as <c>--Section:Key value</c> pairs for the
/// configuration, or the <see cref="Error"/> that stops the start (exit code 2).
/// </summary>
internal sealed record CommandLineResult(CommandLineCommand Command, string[] Arguments, string? Error);

/// <summary>The commands of the command line; <see cref="Run"/> when none is given.</summary>
internal enum CommandLineCommand
{
    Run,
    Help,
    Version,
    HealthCheck,
}
