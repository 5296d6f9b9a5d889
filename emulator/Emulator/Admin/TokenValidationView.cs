using System.Text.Json.Serialization;

namespace Emulator.Admin;

/// <summary>Answer of <c>POST /emulator/tokens/validate</c>.</summary>
public sealed record TokenValidationView(
    bool Valid,
    [property: JsonConverter(typeof(JsonStringEnumConverter<TokenInvalidReason>))] TokenInvalidReason? Reason,
    string? Detail,
    string? Identity,
    string[]? Scopes = null,
    DateTimeOffset? IssuedAt = null,
    DateTimeOffset? ExpiresOn = null)
{
    public static TokenValidationView Invalid(TokenInvalidReason reason, string detail, string? identity = null)
        => new(false, reason, detail, identity);
}
