namespace Emulator.Turn;

/// <summary>Wire shape <c>{"expiresOn","turnServers":[{"urls":[…],"username","credential"}]}</c>.</summary>
public sealed record TurnCredentialsResult(DateTimeOffset ExpiresOn, TurnServer[] TurnServers);
