namespace Emulator.Hosting;

/// <summary>Invalid settings, all of them, found before the emulator starts.</summary>
internal sealed class EmulatorConfigurationException(IReadOnlyList<string> errors)
    : Exception("Invalid emulator settings:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  - " + e)))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
