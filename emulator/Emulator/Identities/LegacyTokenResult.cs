namespace Emulator.Identities;

/// <summary>2020-07-20-preview2 issue answer <c>{"id","token","expiresOn"}</c>.</summary>
internal sealed record LegacyTokenResult(string Id, string Token, DateTimeOffset ExpiresOn);
