namespace Emulator.Configuration;

/// <summary>Access to the emulator's own routes (<c>/emulator/</c>) from other hosts. Section <c>Admin</c>.</summary>
internal sealed class AdminOptions
{
    public const string SectionName = "Admin";

    /// <summary>The configuration keys of this section's settings (<c>Section:Property</c>), for validators, messages and the settings table.</summary>
    public const string RemoteAccessKey = SectionName + ":" + nameof(RemoteAccess);

    /// <summary>
    /// Who may call the <c>/emulator/</c> routes other than health, certificate, JWKS, discovery and token validation
    /// from a non-loopback address. Default <see cref="AdminRemoteAccess.Key"/>.
    /// </summary>
    public AdminRemoteAccess RemoteAccess { get; set; } = AdminRemoteAccess.Key;

    /// <summary>The problems with the raw <c>Admin</c> settings, each naming the key and the accepted values.</summary>
    public static IEnumerable<string> Validate(IConfiguration configuration)
    {
        var value = configuration[RemoteAccessKey];
        if (value is not null && (!Enum.TryParse<AdminRemoteAccess>(value, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed)))
        {
            yield return $"{RemoteAccessKey} '{value}' is invalid: use {string.Join(" or ", Enum.GetNames<AdminRemoteAccess>())}.";
        }
    }
}
