namespace Emulator.Identities;

/// <summary>Wire shape <c>{"token","expiresOn"}</c>.</summary>
public sealed record AccessTokenResult(string Token, DateTimeOffset ExpiresOn);
