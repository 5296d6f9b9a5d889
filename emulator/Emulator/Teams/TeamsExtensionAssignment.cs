namespace Emulator.Teams;

/// <summary>Wire shape of a Teams-extension assignment: <c>{"objectId","tenantId","principalType","clientIds"?}</c>.</summary>
internal sealed record TeamsExtensionAssignment(string ObjectId, string TenantId, string PrincipalType, string[]? ClientIds);
