namespace XunitFixtureSample;

/// <summary>An app user's ACS identity and chat token.</summary>
public sealed record ChatUser(string Id, string Token, DateTimeOffset ExpiresOn);
