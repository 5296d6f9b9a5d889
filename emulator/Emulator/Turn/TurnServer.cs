namespace Emulator.Turn;

/// <summary>One TURN server entry of <see cref="TurnCredentialsResult"/>.</summary>
internal sealed record TurnServer(string[] Urls, string Username, string Credential);
