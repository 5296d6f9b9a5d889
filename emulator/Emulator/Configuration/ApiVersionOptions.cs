namespace Emulator.Configuration;

/// <summary>How api-versions the emulator does not know are treated. Section <c>ApiVersions</c>.</summary>
public sealed class ApiVersionOptions
{
    public const string SectionName = "ApiVersions";

    /// <summary><see cref="UnknownVersionPolicy.Reject"/> (as the live service) or <see cref="UnknownVersionPolicy.ServeLatest"/>. Default Reject.</summary>
    public UnknownVersionPolicy UnknownVersions { get; set; } = UnknownVersionPolicy.Reject;
}

/// <summary>What to do with a well-formed api-version that is not in the emulator's table.</summary>
public enum UnknownVersionPolicy
{
    /// <summary>400 <c>UnsupportedApiVersion</c>, as the live service answers.</summary>
    Reject,

    /// <summary>Serve it as the newest known version and say so in <c>x-emulator-served-api-version</c>.</summary>
    ServeLatest,
}
