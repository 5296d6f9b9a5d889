namespace Emulator.Identities;

/// <summary>Wire shape <c>{"token","expiresOn"}</c>.</summary>
internal sealed record AccessTokenResult(string Token, DateTimeOffset ExpiresOn);
