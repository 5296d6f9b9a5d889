namespace Emulator.Identities;

/// <summary>Wire shape <c>{"identity":{…},"accessToken"?:{…}}</c>; <c>accessToken</c> is absent, not null, without scopes.</summary>
internal sealed record IdentityAccessTokenResult(CommunicationIdentity Identity, AccessTokenResult? AccessToken);
