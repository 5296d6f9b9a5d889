namespace Emulator.Admin;

/// <summary>Answer of <c>GET /emulator/identities</c>: at most <c>top</c> identities, newest first, and the total count.</summary>
internal sealed record IdentityListView(IdentityStateView[] Value, int Count);
