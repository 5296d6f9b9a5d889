namespace Emulator.Hosting;

/// <summary>Command-line shortcuts for the most used settings; every setting also works as <c>--Section:Key value</c>.</summary>
public static class EmulatorConfiguration
{
    public static readonly IReadOnlyDictionary<string, string> SwitchMappings = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["--port"] = "Server:HttpPort",
        ["--https-port"] = "Server:HttpsPort",
        ["--listen"] = "Server:ListenAddress",
        ["--data-dir"] = "Server:DataDirectory",
        ["--access-key"] = "Resource:AccessKey",
        ["--resource-id"] = "Resource:Id",
        ["--location"] = "Resource:Location",
        ["--endpoint-host"] = "Resource:EndpointHost",
        ["--signing-key"] = "Tokens:SigningKeyPath",
        ["--certificate"] = "Server:CertificatePath",
        ["--authority"] = "Authentication:Authority",
        ["--unknown-api-versions"] = "ApiVersions:UnknownVersions",
        ["--throttle"] = "Throttling:Mode",
        ["--import"] = "Snapshots:Import",
        ["--export-on-exit"] = "Snapshots:ExportOnExit",
    };

    /// <summary>Adds the command line with the shortcuts on top of the default sources.</summary>
    public static void AddEmulatorCommandLine(this IConfigurationBuilder configuration, string[] args)
        => configuration.AddCommandLine(args, SwitchMappings.ToDictionary(p => p.Key, p => p.Value));
}
