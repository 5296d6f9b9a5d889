namespace Emulator.Journal;

/// <summary>The request journal behind <c>/emulator/requests</c> and the dashboard. Section <c>Journal</c>.</summary>
internal sealed class JournalOptions
{
    public const string SectionName = "Journal";

    /// <summary>Largest accepted <see cref="Capacity"/>.</summary>
    public const int MaxCapacity = 1_000_000;

    /// <summary>How many of the most recent requests are kept; 0 turns the journal off. Default 1,000.</summary>
    public int Capacity { get; set; } = 1_000;
}
