namespace Emulator.Configuration;

/// <summary>How callers and Teams/Entra tokens are authenticated. Section <c>Authentication</c>.</summary>
internal sealed class AuthenticationOptions
{
    public const string SectionName = "Authentication";

    /// <summary>The configuration keys of this section's settings (<c>Section:Property</c>), for validators, messages and the settings table.</summary>
    public const string ClockSkewMinutesKey = SectionName + ":" + nameof(ClockSkewMinutes);
    public const string AuthorityKey = SectionName + ":" + nameof(Authority);
    public const string AudiencesKey = SectionName + ":" + nameof(Audiences);
    public const string TeamsAudiencesKey = SectionName + ":" + nameof(TeamsAudiences);
    public const string RequireHttpsMetadataKey = SectionName + ":" + nameof(RequireHttpsMetadata);

    /// <summary>Largest difference, in minutes, between the signed date header and the real clock. Default 5.</summary>
    public int ClockSkewMinutes { get; set; } = 5;

    /// <summary>
    /// OpenID authority (e.g. <c>https://login.microsoftonline.com/{tenant}/v2.0</c>) whose discovery document and JWKS
    /// validate Entra ID bearer tokens and Teams user tokens. When absent, any well-formed unexpired JWT is accepted.
    /// </summary>
    public string? Authority { get; set; }

    /// <summary>Accepted <c>aud</c> values of bearer tokens. Default: the ACS audiences the SDKs request.</summary>
    public string[] Audiences { get; set; } = [];

    /// <summary>Accepted <c>aud</c> values of Teams user tokens when an authority is configured. Default: the ACS Teams audiences.</summary>
    public string[] TeamsAudiences { get; set; } = [];

    /// <summary>Whether the authority's metadata must be fetched over HTTPS. Default true.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>Default bearer audiences.</summary>
    public static readonly string[] DefaultAudiences =
    [
        "https://communication.azure.com",
        "https://communication.azure.com/",
        "https://communication.azure.com/clients",
        "https://auth.msft.communication.azure.com",
        "https://auth.msft.communication.azure.us",
    ];

    /// <summary>Default Teams user token audiences.</summary>
    public static readonly string[] DefaultTeamsAudiences =
    [
        "https://auth.msft.communication.azure.com",
        "https://communication.azure.com",
        "https://communication.azure.com/",
    ];

    public IReadOnlyList<string> EffectiveAudiences => Audiences.Length > 0 ? Audiences : DefaultAudiences;

    public IReadOnlyList<string> EffectiveTeamsAudiences => TeamsAudiences.Length > 0 ? TeamsAudiences : DefaultTeamsAudiences;


    /// <summary>Every problem with the raw <c>Authentication</c> settings, each naming the key and the accepted values.</summary>
    public static IReadOnlyList<string> Validate(IConfiguration configuration)
    {
        var errors = new List<string>();
        SettingChecks.Int(configuration, ClockSkewMinutesKey, 1, 24 * 60, errors);
        var authority = configuration[AuthorityKey];
        if (!string.IsNullOrEmpty(authority) && (!Uri.TryCreate(authority, UriKind.Absolute, out var authorityUri) || authorityUri.Scheme is not ("http" or "https")))
        {
            errors.Add($"{AuthorityKey} '{authority}' is invalid: use an absolute http(s) URL such as https://login.microsoftonline.com/<tenant>/v2.0.");
        }

        SettingChecks.Bool(configuration, RequireHttpsMetadataKey, errors);
        return errors;
    }
}
