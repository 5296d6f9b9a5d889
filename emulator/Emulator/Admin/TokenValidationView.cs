using System.Text.Json.Serialization;
using Emulator.Identities;

namespace Emulator.Admin;

/// <summary>Answer of <c>POST /emulator/tokens/validate</c>.</summary>
internal sealed record TokenValidationView(
    bool Valid,
    [property: JsonConverter(typeof(JsonStringEnumConverter<TokenInvalidReason>))] TokenInvalidReason? Reason,
    string? Detail,
    string? Identity,
    string[]? Scopes = null,
    DateTimeOffset? IssuedAt = null,
    DateTimeOffset? ExpiresOn = null)
{
    public static TokenValidationView From(TokenValidation validation) => new(
        validation.Valid, validation.Reason, validation.Detail, validation.Subject?.Raw, validation.Scopes, validation.IssuedAt, validation.ExpiresOn);
}
