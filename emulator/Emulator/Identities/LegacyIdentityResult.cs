namespace Emulator.Identities;

/// <summary>2020-07-20-preview2 create answer <c>{"id"}</c>.</summary>
internal sealed record LegacyIdentityResult(string Id);
