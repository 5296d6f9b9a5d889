namespace Emulator.Throttling;

/// <summary>Live throttling: the published ACS Identity limits per resource. Section <c>Throttling</c>.</summary>
internal sealed class ThrottlingOptions
{
    public const string SectionName = "Throttling";

    /// <summary>The configuration keys of this section's settings (<c>Section:Property</c>), for validators, messages and the settings table.</summary>
    public const string ModeKey = SectionName + ":" + nameof(Mode);
    public const string WindowSecondsKey = SectionName + ":" + nameof(WindowSeconds);

    /// <summary><c>Off</c> (default: the emulator never throttles) or <c>Live</c> (the published limits).</summary>
    public ThrottlingMode Mode { get; set; } = ThrottlingMode.Off;

    /// <summary>Length of the sliding window, in seconds. Default 30.</summary>
    public int WindowSeconds { get; set; } = 30;

    /// <summary>Requests per window for create identity. Default 1000.</summary>
    public int CreateIdentity { get; set; } = 1000;

    /// <summary>Requests per window for create identity with a token (<c>createTokenWithScopes</c>). Default 1000.</summary>
    public int CreateIdentityWithToken { get; set; } = 1000;

    /// <summary>Requests per window for issue access token. Default 1000.</summary>
    public int IssueAccessToken { get; set; } = 1000;

    /// <summary>Requests per window for delete identity. Default 500.</summary>
    public int DeleteIdentity { get; set; } = 500;

    /// <summary>Requests per window for revoke access tokens. Default 500.</summary>
    public int RevokeAccessTokens { get; set; } = 500;

    /// <summary>Requests per window for each token exchange (Teams user, Teams extension, Entra). Default 500.</summary>
    public int ExchangeAccessToken { get; set; } = 500;

    /// <summary>The limit setting names, for validation and docs.</summary>
    public static readonly string[] LimitKeys = [nameof(CreateIdentity), nameof(CreateIdentityWithToken), nameof(IssueAccessToken), nameof(DeleteIdentity), nameof(RevokeAccessTokens), nameof(ExchangeAccessToken)];
}

/// <summary>Whether the emulator throttles.</summary>
internal enum ThrottlingMode
{
    Off,
    Live,
}
