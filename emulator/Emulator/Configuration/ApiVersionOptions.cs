namespace Emulator.Configuration;

/// <summary>How api-versions the emulator does not know are treated. Section <c>ApiVersions</c>.</summary>
internal sealed class ApiVersionOptions
{
    public const string SectionName = "ApiVersions";

    /// <summary>The configuration keys of this section's settings (<c>Section:Property</c>), for validators, messages and the settings table.</summary>
    public const string UnknownVersionsKey = SectionName + ":" + nameof(UnknownVersions);

    /// <summary><see cref="UnknownVersionPolicy.Reject"/> (as the live service) or <see cref="UnknownVersionPolicy.ServeLatest"/>. Default Reject.</summary>
    public UnknownVersionPolicy UnknownVersions { get; set; } = UnknownVersionPolicy.Reject;

    /// <summary>Every problem with the raw <c>ApiVersions</c> settings, each naming the key and the accepted values.</summary>
    public static IReadOnlyList<string> Validate(IConfiguration configuration)
    {
        var errors = new List<string>();
        var policy = configuration[UnknownVersionsKey];
        if (policy is not null && !Enum.TryParse<UnknownVersionPolicy>(policy, ignoreCase: true, out _))
        {
            errors.Add($"{UnknownVersionsKey} '{policy}' is invalid: use {string.Join(" or ", Enum.GetNames<UnknownVersionPolicy>())}.");
        }

        return errors;
    }

}

/// <summary>What to do with a well-formed api-version that is not in the emulator's table.</summary>
internal enum UnknownVersionPolicy
{
    /// <summary>400 <c>UnsupportedApiVersion</c>, as the live service answers.</summary>
    Reject,

    /// <summary>Serve it as the newest known version and say so in <c>x-emulator-served-api-version</c>.</summary>
    ServeLatest,
}
