using Emulator.Configuration;
using Emulator.Infrastructure;

namespace Emulator.Identities;

/// <summary>Parses raw ACS user ids, <c>8:acs:&lt;resourceId&gt;_&lt;guid&gt;</c> (reference §8.2), for this resource.</summary>
public static class IdentityId
{
    private const int MaxLength = 512;
    private static readonly string[] OtherCloudPrefixes = ["8:dod-acs:", "8:gcch-acs:"];

    /// <summary>Formats the raw id of an identity of <paramref name="resource"/>.</summary>
    public static string Format(ResourceSettings resource, Guid id) => string.Concat(resource.IdentityPrefix, id.ToString("D"));

    /// <summary>Returns the identity's GUID, or the error the service answers for this id.</summary>
    public static bool TryParse(string? raw, ResourceSettings resource, out Guid id, out AcsError? error)
    {
        id = Guid.Empty;
        error = null;
        if (string.IsNullOrEmpty(raw) || raw.Length > MaxLength)
        {
            error = AcsErrors.IdentityIdFormat();
            return false;
        }

        var cloudPrefix = raw.StartsWith("8:acs:", StringComparison.Ordinal) ? "8:acs:" : Array.Find(OtherCloudPrefixes, p => raw.StartsWith(p, StringComparison.Ordinal));
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

        if (cloudPrefix != "8:acs:" || !resourceId.ToString("D").Equals(resource.ResourceId, StringComparison.OrdinalIgnoreCase))
        {
            error = AcsErrors.NotOwned();
            return false;
        }

        return true;
    }
}
