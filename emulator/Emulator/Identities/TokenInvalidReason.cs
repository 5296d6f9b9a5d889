using System.Text.Json.Serialization;

namespace Emulator.Identities;

/// <summary>Why <c>/emulator/tokens/validate</c> rejected a token.</summary>
internal enum TokenInvalidReason
{
    [JsonStringEnumMemberName("malformed")]
    Malformed,

    [JsonStringEnumMemberName("unknownSigningKey")]
    UnknownSigningKey,

    [JsonStringEnumMemberName("invalidSignature")]
    InvalidSignature,

    [JsonStringEnumMemberName("otherResource")]
    OtherResource,

    [JsonStringEnumMemberName("unknownIdentity")]
    UnknownIdentity,

    [JsonStringEnumMemberName("identityDeleted")]
    IdentityDeleted,

    [JsonStringEnumMemberName("revoked")]
    Revoked,

    [JsonStringEnumMemberName("expired")]
    Expired,
}
