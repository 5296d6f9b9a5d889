namespace Emulator.Journal;

/// <summary>Answer of <c>GET /emulator/requests</c>: matching entries newest first, and what the journal holds.</summary>
/// <param name="Requests">Matching entries, newest first, at most the limit.</param>
/// <param name="Capacity">How many requests the journal keeps (0: off).</param>
/// <param name="Recorded">How many requests were recorded since start (or the last clear), including those dropped from the ring.</param>
internal sealed record RequestJournalList(RequestJournalEntry[] Requests, int Capacity, long Recorded);
