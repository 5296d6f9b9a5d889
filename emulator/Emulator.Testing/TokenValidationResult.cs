using Emulator.Identities;

namespace Emulator.Testing;

/// <summary>
/// Whether the emulator accepts a token now, and why not: what <see cref="AcsIdentityEmulator.ValidateToken(string)"/>
/// returns, with the same facts as <c>POST /emulator/tokens/validate</c> answers.
/// </summary>
public sealed class TokenValidationResult
{
    private TokenValidationResult(bool valid, TokenRejection? reason, string? detail, string? identity, IReadOnlyList<string>? scopes, DateTimeOffset? issuedAt, DateTimeOffset? expiresOn)
    {
        Valid = valid;
        Reason = reason;
        Detail = detail;
        Identity = identity;
        Scopes = scopes;
        IssuedAt = issuedAt;
        ExpiresOn = expiresOn;
    }

    /// <summary>Whether the emulator accepts the token now.</summary>
    public bool Valid { get; }

    /// <summary>Why it does not (null when <see cref="Valid"/>).</summary>
    public TokenRejection? Reason { get; }

    /// <summary>The reason in words, for assertion messages (null when <see cref="Valid"/>).</summary>
    public string? Detail { get; }

    /// <summary>The identity the token is for (<c>8:acs:…</c>), when it could be read.</summary>
    public string? Identity { get; }

    /// <summary>The token's scopes, when it could be read.</summary>
    public IReadOnlyList<string>? Scopes { get; }

    /// <summary>When the token was issued, when it could be read.</summary>
    public DateTimeOffset? IssuedAt { get; }

    /// <summary>When the token expires, when it could be read.</summary>
    public DateTimeOffset? ExpiresOn { get; }

    /// <summary>The verdict in one line, e.g. <c>valid</c> or <c>Revoked: …</c>.</summary>
    public override string ToString() => Valid ? "valid" : $"{Reason}: {Detail}";

    internal static TokenValidationResult From(TokenValidation validation) => new(
        validation.Valid, validation.Reason is { } reason ? ToRejection(reason) : null, validation.Detail, validation.Subject?.Raw, validation.Scopes, validation.IssuedAt, validation.ExpiresOn);

    /// <summary>From the fields of <c>POST /emulator/tokens/validate</c>'s answer (the native mode).</summary>
    internal static TokenValidationResult Create(bool valid, TokenRejection? reason, string? detail, string? identity, IReadOnlyList<string>? scopes, DateTimeOffset? issuedAt, DateTimeOffset? expiresOn)
        => new(valid, reason, detail, identity, scopes, issuedAt, expiresOn);

    internal static TokenRejection ToRejection(TokenInvalidReason reason) => reason switch
    {
        TokenInvalidReason.Malformed => TokenRejection.Malformed,
        TokenInvalidReason.UnknownSigningKey => TokenRejection.UnknownSigningKey,
        TokenInvalidReason.InvalidSignature => TokenRejection.InvalidSignature,
        TokenInvalidReason.OtherResource => TokenRejection.OtherResource,
        TokenInvalidReason.UnknownIdentity => TokenRejection.UnknownIdentity,
        TokenInvalidReason.IdentityDeleted => TokenRejection.IdentityDeleted,
        TokenInvalidReason.Revoked => TokenRejection.Revoked,
        TokenInvalidReason.Expired => TokenRejection.Expired,
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "A token rejection the fixture does not name yet."),
    };
}

/// <summary>Why the emulator refuses a token (the <c>reason</c> of <c>POST /emulator/tokens/validate</c>).</summary>
public enum TokenRejection
{
    /// <summary>Not a JWT the emulator could read.</summary>
    Malformed,

    /// <summary>Signed with a key the emulator does not have (another emulator, or one restarted without its data directory).</summary>
    UnknownSigningKey,

    /// <summary>The signature does not verify with the emulator's key.</summary>
    InvalidSignature,

    /// <summary>Issued for another resource.</summary>
    OtherResource,

    /// <summary>For an identity this emulator never created.</summary>
    UnknownIdentity,

    /// <summary>The identity was deleted after the token was issued.</summary>
    IdentityDeleted,

    /// <summary>The identity's tokens were revoked after the token was issued.</summary>
    Revoked,

    /// <summary>Past its expiry on the emulated clock.</summary>
    Expired,
}
