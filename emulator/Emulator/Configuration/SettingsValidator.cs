namespace Emulator.Configuration;

/// <summary>
/// Runs the validator of each options class of this folder (<see cref="ServerOptions.Validate"/>,
/// <see cref="ResourceOptions.Validate"/>, <see cref="TokenOptions.Validate"/>, <see cref="ApiVersionOptions.Validate"/>,
/// <see cref="AuthenticationOptions.Validate"/>) before anything is bound or started, and returns all their problems at
/// once, as YARP's configuration validators do. <see cref="AdminOptions.Validate"/> and the features' own validators are
/// added beside it where the emulator is composed.
/// </summary>
internal static class SettingsValidator
{
    public static IReadOnlyList<string> Validate(IConfiguration configuration)
        =>
        [
            .. ServerOptions.Validate(configuration),
            .. ResourceOptions.Validate(configuration),
            .. TokenOptions.Validate(configuration),
            .. ApiVersionOptions.Validate(configuration),
            .. AuthenticationOptions.Validate(configuration),
        ];
}
