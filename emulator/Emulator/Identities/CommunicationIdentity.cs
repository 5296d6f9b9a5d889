namespace Emulator.Identities;

/// <summary>Wire shape <c>{"id","customId"?,"lastTokenIssuedAt"?}</c>.</summary>
internal sealed record CommunicationIdentity(string Id, string? CustomId = null, DateTimeOffset? LastTokenIssuedAt = null);
