using Emulator.Configuration;
using Emulator.Identities;
using Emulator.Infrastructure;

namespace Emulator.Tokens;

/// <summary>Issues ACS user tokens for stored identities on the emulated clock.</summary>
public sealed class AccessTokenService(IdentityStore store, TokenIssuer issuer, EmulatorClock clock, ResourceSettings resource)
{
    /// <summary>Issues a token, or returns null when the identity does not exist or was deleted.</summary>
    public IssuedToken? Issue(Guid identity, IReadOnlyList<string> scopes, int lifetimeMinutes)
    {
        var now = clock.GetUtcNow();
        var expiresOn = now.AddMinutes(lifetimeMinutes);
        if (store.RecordIssue(identity, now, expiresOn) is not { } issue)
        {
            return null;
        }

        var skypeId = IdentityId.Format(resource, identity)[2..];
        return issuer.Issue(skypeId, Scopes.Claim(scopes), now, expiresOn, issue.Sequence);
    }
}
