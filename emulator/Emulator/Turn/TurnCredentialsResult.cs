namespace Emulator.Turn;

/// <summary>Wire shape <c>{"expiresOn","turnServers":[{"urls":[…],"username","credential"}]}</c>.</summary>
internal sealed record TurnCredentialsResult(DateTimeOffset ExpiresOn, TurnServer[] TurnServers);
