namespace Emulator.Snapshots;

/// <summary>Keeping the state in the data directory across restarts. Section <c>Server</c>, beside the data directory.</summary>
internal sealed class PersistenceOptions
{
    public const string SectionName = "Server";

    /// <summary>The configuration keys of this section's settings (<c>Section:Property</c>), for validators, messages and the settings table.</summary>
    public const string PersistStateKey = SectionName + ":" + nameof(PersistState);
    public const string PersistIntervalMillisecondsKey = SectionName + ":" + nameof(PersistIntervalMilliseconds);

    /// <summary>Keep identities, revocations, assignments and the clock offset in the data directory. Default false (in memory only).</summary>
    public bool PersistState { get; set; }

    /// <summary>How often a changed state is written (one atomic snapshot per interval at most), in milliseconds. Default 1000.</summary>
    public int PersistIntervalMilliseconds { get; set; } = 1000;

    /// <summary>The state file's name in the data directory.</summary>
    public const string FileName = "state.json";
}
