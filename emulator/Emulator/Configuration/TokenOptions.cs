namespace Emulator.Configuration;

/// <summary>How ACS access tokens are signed. Section <c>Tokens</c>.</summary>
public sealed class TokenOptions
{
    public const string SectionName = "Tokens";

    /// <summary>A PFX, or a PEM holding an RSA private key (and optionally its certificate). Generated when absent.</summary>
    public string? SigningKeyPath { get; set; }

    /// <summary>Password of <see cref="SigningKeyPath"/>.</summary>
    public string? SigningKeyPassword { get; set; }

    /// <summary>The <c>rgn</c> claim. Default: derived from <see cref="ResourceOptions.Location"/> (<c>amer</c> for unitedstates).</summary>
    public string? Region { get; set; }
}
