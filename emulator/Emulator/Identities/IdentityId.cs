using System.Diagnostics.CodeAnalysis;
using Emulator.Configuration;
using Emulator.Infrastructure;

namespace Emulator.Identities;

/// <summary>
/// A communication user's raw id (reference §8.2), the one place that formats and parses every form the emulator
/// meets: identities of the store <c>8:acs:&lt;resource&gt;_&lt;guid&gt;</c>, exchanged Entra / Teams-extension users
/// <c>8:acs:&lt;resource&gt;_&lt;tenant&gt;_&lt;user&gt;</c>, Teams users <c>8:orgid:&lt;oid&gt;</c>, and the
/// <c>skypeid</c> claim, which is the raw id without its <c>8:</c>.
/// </summary>
internal readonly record struct IdentityId
{
    private const string RawPrefix = "8:";
    private const string AcsPrefix = "8:acs:";
    private const string OrgIdPrefix = "8:orgid:";
    private const int MaxLength = 512;
    private static readonly string[] OtherCloudAcsPrefixes = ["8:dod-acs:", "8:gcch-acs:"];

    private IdentityId(IdentityKind kind, string raw, Guid identity = default)
    {
        Kind = kind;
        Raw = raw;
        Identity = identity;
    }

    public IdentityKind Kind { get; }

    /// <summary>The raw id, <c>8:...</c>.</summary>
    public string Raw { get; }

    /// <summary>The store's key for an <see cref="IdentityKind.Identity"/>; <see cref="Guid.Empty"/> for the other kinds.</summary>
    public Guid Identity { get; }

    /// <summary>
    /// Whether this names an identity of the store, whose tokens revocation and deletion affect. Exchanged tokens'
    /// users (Teams, Teams-extension, Entra) have no record, so nothing but expiry ends their tokens.
    /// </summary>
    public bool IsStoredIdentity => Kind == IdentityKind.Identity;

    /// <summary>The <c>skypeid</c> claim: the raw id without <c>8:</c>.</summary>
    public string SkypeId => Raw[RawPrefix.Length..];

    /// <summary>The prefix of every identity id of <paramref name="resource"/>: <c>8:acs:&lt;resourceId&gt;_</c>.</summary>
    public static string Prefix(ResourceSettings resource) => $"{AcsPrefix}{resource.ResourceId}_";

    /// <summary>The id of identity <paramref name="id"/> of <paramref name="resource"/>.</summary>
    public static IdentityId ForIdentity(ResourceSettings resource, Guid id) => ForIdentity(resource.ResourceId, id);

    /// <summary>The id of identity <paramref name="id"/> of the resource with immutable id <paramref name="resourceId"/>.</summary>
    public static IdentityId ForIdentity(string resourceId, Guid id) => new(IdentityKind.Identity, $"{AcsPrefix}{resourceId}_{id:D}", id);

    /// <summary>The id an Entra or Teams-extension exchange gives <paramref name="user"/> of <paramref name="tenant"/>.</summary>
    public static IdentityId ForTeamsExtensionUser(ResourceSettings resource, Guid tenant, Guid user)
        => new(IdentityKind.TeamsExtensionUser, $"{AcsPrefix}{resource.ResourceId}_{tenant:D}_{user:D}");

    /// <summary>The id of the Teams user with Entra object id <paramref name="objectId"/> (taken as the token carries it).</summary>
    public static IdentityId ForTeamsUser(string objectId) => new(IdentityKind.TeamsUser, OrgIdPrefix + objectId);

    /// <summary>Formats the raw id of an identity of <paramref name="resource"/>.</summary>
    public static string Format(ResourceSettings resource, Guid id) => ForIdentity(resource, id).Raw;

    /// <summary>Classifies the subject of a token from its <c>skypeid</c> claim (missing: the empty id <c>8:</c>, of kind <see cref="IdentityKind.Other"/>).</summary>
    public static IdentityId FromSkypeId(string? skypeId, ResourceSettings resource) => Classify(RawPrefix + skypeId, resource);

    /// <summary>Classifies any raw id; ids of other resources or clouds and unknown forms are <see cref="IdentityKind.Other"/>.</summary>
    public static IdentityId Classify(string raw, ResourceSettings resource)
    {
        if (TryParse(raw, resource, out var id, out _))
        {
            return new(IdentityKind.Identity, raw, id);
        }

        if (raw.StartsWith(AcsPrefix, StringComparison.Ordinal) && IsTeamsExtensionUser(raw.AsSpan(AcsPrefix.Length)))
        {
            return new(IdentityKind.TeamsExtensionUser, raw);
        }

        return new(raw.StartsWith(OrgIdPrefix, StringComparison.Ordinal) ? IdentityKind.TeamsUser : IdentityKind.Other, raw);
    }

    /// <summary>
    /// Parses an identity id of a request path: the identity's GUID, or the error the service answers for this id
    /// (a malformed id, or one of another resource or cloud).
    /// </summary>
    public static bool TryParse([NotNullWhen(true)] string? raw, ResourceSettings resource, out Guid id, [NotNullWhen(false)] out AcsError? error)
    {
        id = Guid.Empty;
        error = null;
        if (string.IsNullOrEmpty(raw) || raw.Length > MaxLength)
        {
            error = AcsErrors.IdentityIdFormat();
            return false;
        }

        var cloudPrefix = raw.StartsWith(AcsPrefix, StringComparison.Ordinal) ? AcsPrefix : Array.Find(OtherCloudAcsPrefixes, p => raw.StartsWith(p, StringComparison.Ordinal));
        if (cloudPrefix is null)
        {
            error = AcsErrors.IdentityIdFormat();
            return false;
        }

        var rest = raw.AsSpan(cloudPrefix.Length);
        var underscore = rest.IndexOf('_');
        if (underscore < 0 || rest[(underscore + 1)..].Contains('_')
            || !Guid.TryParseExact(rest[..underscore], "D", out var resourceId)
            || !Guid.TryParseExact(rest[(underscore + 1)..], "D", out id))
        {
            error = AcsErrors.IdentityIdFormat();
            return false;
        }

        if (cloudPrefix != AcsPrefix || !resourceId.ToString("D").Equals(resource.ResourceId, StringComparison.OrdinalIgnoreCase))
        {
            id = Guid.Empty;
            error = AcsErrors.NotOwned();
            return false;
        }

        return true;
    }

    public override string ToString() => Raw;

    /// <summary><c>&lt;resource&gt;_&lt;tenant&gt;_&lt;user&gt;</c>: three GUIDs (what SDKs parse as a Teams-extension user).</summary>
    private static bool IsTeamsExtensionUser(ReadOnlySpan<char> rest)
    {
        Span<Range> parts = stackalloc Range[4];
        return rest.Split(parts, '_') == 3
            && Guid.TryParseExact(rest[parts[0]], "D", out _)
            && Guid.TryParseExact(rest[parts[1]], "D", out _)
            && Guid.TryParseExact(rest[parts[2]], "D", out _);
    }
}
