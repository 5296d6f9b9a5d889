namespace Emulator.Tokens;

/// <summary>
/// The claims of an ACS access token (reference §8.1), the one place their names are spelt; <see cref="All"/> is the
/// order live tokens write them in, plus <see cref="Sequence"/>.
/// </summary>
internal static class AcsClaims
{
    /// <summary>The identity's raw id without its <c>8:</c> prefix (<c>acs:&lt;resource&gt;_&lt;guid&gt;</c>, <c>orgid:&lt;oid&gt;</c>).</summary>
    public const string SkypeId = "skypeid";

    /// <summary>Always <see cref="ScpValue"/> in observed tokens.</summary>
    public const string Scp = "scp";

    /// <summary>The issue time as a string of epoch seconds.</summary>
    public const string Csi = "csi";

    public const string Expiry = "exp";

    /// <summary>The resource's region (<c>amer</c>, <c>ca</c>, ...).</summary>
    public const string Region = "rgn";

    /// <summary>The scopes, comma-joined without spaces (<see cref="FormatScopes"/>).</summary>
    public const string AcsScope = "acsScope";

    public const string ResourceId = "resourceId";

    public const string ResourceLocation = "resourceLocation";

    public const string IssuedAt = "iat";

    /// <summary>The emulator's issue sequence number, which makes revocation exact within a millisecond.</summary>
    public const string Sequence = "jti";

    /// <summary>The <c>scp</c> value of every observed live token, whatever the scopes.</summary>
    public const int ScpValue = 1792;

    /// <summary>Every claim, in the order tokens carry them.</summary>
    public static readonly IReadOnlyList<string> All = [SkypeId, Scp, Csi, Expiry, Region, AcsScope, ResourceId, ResourceLocation, IssuedAt, Sequence];

    /// <summary>The <c>acsScope</c> value: the scopes comma-joined without spaces, in request order.</summary>
    public static string FormatScopes(IReadOnlyList<string> scopes) => string.Join(',', scopes);

    /// <summary>The scopes of an <c>acsScope</c> value (none for a missing claim).</summary>
    public static string[] ParseScopes(string? acsScope) => (acsScope ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries);
}
