namespace Emulator.Snapshots;

/// <summary>Snapshot files read at start and written on a clean shutdown. Section <c>Snapshots</c>.</summary>
internal sealed class SnapshotOptions
{
    public const string SectionName = "Snapshots";

    /// <summary>The configuration keys of this section's settings (<c>Section:Property</c>), for validators, messages and the settings table.</summary>
    public const string ImportKey = SectionName + ":" + nameof(Import);
    public const string ExportOnExitKey = SectionName + ":" + nameof(ExportOnExit);

    /// <summary>A snapshot to load at start (<c>--import</c>); a bad one stops the start with exit code 2.</summary>
    public string? Import { get; set; }

    /// <summary>Where to write a snapshot on a clean shutdown, Ctrl+C and SIGTERM included (<c>--export-on-exit</c>).</summary>
    public string? ExportOnExit { get; set; }
}
