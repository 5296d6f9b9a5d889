namespace Emulator.Configuration;

/// <summary>How ACS access tokens are signed. Section <c>Tokens</c>.</summary>
internal sealed class TokenOptions
{
    public const string SectionName = "Tokens";

    /// <summary>The configuration keys of this section's settings (<c>Section:Property</c>), for validators, messages and the settings table.</summary>
    public const string SigningKeyPathKey = SectionName + ":" + nameof(SigningKeyPath);
    public const string SigningKeyPasswordKey = SectionName + ":" + nameof(SigningKeyPassword);
    public const string RegionKey = SectionName + ":" + nameof(Region);

    /// <summary>A PFX, or a PEM holding an RSA private key (and optionally its certificate). Generated when absent.</summary>
    public string? SigningKeyPath { get; set; }

    /// <summary>Password of <see cref="SigningKeyPath"/>.</summary>
    public string? SigningKeyPassword { get; set; }

    /// <summary>The <c>rgn</c> claim. Default: derived from <see cref="ResourceOptions.Location"/> (<c>amer</c> for unitedstates).</summary>
    public string? Region { get; set; }


    /// <summary>Every problem with the raw <c>Tokens</c> settings, each naming the key.</summary>
    public static IReadOnlyList<string> Validate(IConfiguration configuration)
    {
        var errors = new List<string>();
        SettingChecks.File(configuration, SigningKeyPathKey, errors);
        return errors;
    }
}
