namespace Emulator.Identities;

/// <summary>What an <see cref="IdentityId"/> names (reference §8.2).</summary>
internal enum IdentityKind
{
    /// <summary>Any other raw id (another resource or cloud, an unknown form): never stored by this emulator.</summary>
    Other,

    /// <summary><c>8:acs:&lt;resource&gt;_&lt;guid&gt;</c> of this resource: an identity of the store (<c>POST /identities</c>).</summary>
    Identity,

    /// <summary><c>8:acs:&lt;resource&gt;_&lt;tenant&gt;_&lt;user&gt;</c>: an Entra or Teams-extension user, from a token exchange.</summary>
    TeamsExtensionUser,

    /// <summary><c>8:orgid:&lt;oid&gt;</c>: a Teams user, from the Teams user token exchange.</summary>
    TeamsUser,
}
