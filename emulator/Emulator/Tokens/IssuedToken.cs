namespace Emulator.Tokens;

/// <summary>A signed access token and its expiry as the service reports it (<c>expiresOn</c>).</summary>
internal sealed record IssuedToken(string Token, DateTimeOffset ExpiresOn);
