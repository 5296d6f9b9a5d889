namespace Emulator.Identities;

/// <summary>
/// What <see cref="TokenValidator"/> decided about a token: valid, or why not. <see cref="Subject"/> is the token's
/// user (from its <c>skypeid</c>) once the token could be read and verified.
/// </summary>
internal sealed record TokenValidation(
    bool Valid,
    TokenInvalidReason? Reason,
    string? Detail,
    IdentityId? Subject,
    string[]? Scopes = null,
    DateTimeOffset? IssuedAt = null,
    DateTimeOffset? ExpiresOn = null)
{
    public static TokenValidation Invalid(TokenInvalidReason reason, string detail, IdentityId? subject = null)
        => new(false, reason, detail, subject);
}
