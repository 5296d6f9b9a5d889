using Emulator.Configuration;
using Emulator.Infrastructure;
using Emulator.Tokens;

namespace Emulator.Identities;

/// <summary>
/// Issues ACS access tokens on the emulated clock, the one way tokens are made: for identities of the store (each
/// issue recorded, so that revocation and deletion end it) and for the users of token exchanges, who have no record.
/// </summary>
internal sealed class AccessTokenIssuer(IdentityStore store, TokenSigner signer, EmulatorClock clock, ResourceSettings resource)
{
    /// <summary>The <c>acsScope</c> of exchanged tokens (unverified: never observed).</summary>
    public const string ExchangedTokenScope = "voip";

    private static readonly string[] ExchangedTokenScopes = [ExchangedTokenScope];

    /// <summary>Exchanged tokens carry sequence 0: with no record nothing revokes them, so no sequence is drawn.</summary>
    private const long ExchangedTokenSequence = 0;

    /// <summary>Issues a token to identity <paramref name="identity"/>, or returns null when it does not exist or was deleted.</summary>
    public IssuedToken? IssueForIdentity(Guid identity, IReadOnlyList<string> scopes, int lifetimeMinutes)
    {
        var now = clock.GetUtcNow();
        var expiresOn = now.AddMinutes(lifetimeMinutes);
        if (store.RecordIssue(identity, now, expiresOn) is not { } issue)
        {
            return null;
        }

        return signer.Sign(IdentityId.ForIdentity(resource, identity).SkypeId, scopes, now, expiresOn, issue.Sequence);
    }

    /// <summary>Issues the token of an exchange to <paramref name="user"/>, expiring at <paramref name="expiresOn"/>.</summary>
    public IssuedToken IssueExchanged(IdentityId user, DateTimeOffset expiresOn)
        => signer.Sign(user.SkypeId, ExchangedTokenScopes, clock.GetUtcNow(), expiresOn, ExchangedTokenSequence);

    /// <summary>Issues the token of an exchange to <paramref name="user"/>, lasting <paramref name="lifetime"/> from now.</summary>
    public IssuedToken IssueExchanged(IdentityId user, TimeSpan lifetime)
    {
        var now = clock.GetUtcNow();
        return signer.Sign(user.SkypeId, ExchangedTokenScopes, now, now + lifetime, ExchangedTokenSequence);
    }
}
