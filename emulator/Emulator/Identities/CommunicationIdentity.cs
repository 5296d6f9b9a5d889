namespace Emulator.Identities;

/// <summary>Wire shape <c>{"id","customId"?,"lastTokenIssuedAt"?}</c>.</summary>
public sealed record CommunicationIdentity(string Id, string? CustomId = null, DateTimeOffset? LastTokenIssuedAt = null);
