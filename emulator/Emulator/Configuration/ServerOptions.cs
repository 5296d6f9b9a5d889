namespace Emulator.Configuration;

/// <summary>Where the emulator listens and keeps its generated files. Section <c>Server</c>.</summary>
internal sealed class ServerOptions
{
    public const string SectionName = "Server";

    /// <summary>The configuration keys of this section's settings (<c>Section:Property</c>), for validators, messages and the settings table.</summary>
    public const string HttpPortKey = SectionName + ":" + nameof(HttpPort);
    public const string HttpsPortKey = SectionName + ":" + nameof(HttpsPort);
    public const string ListenAddressKey = SectionName + ":" + nameof(ListenAddress);
    public const string DataDirectoryKey = SectionName + ":" + nameof(DataDirectory);
    public const string CertificatePathKey = SectionName + ":" + nameof(CertificatePath);
    public const string CertificateKeyPathKey = SectionName + ":" + nameof(CertificateKeyPath);
    public const string CertificatePasswordKey = SectionName + ":" + nameof(CertificatePassword);
    public const string MaxRequestBodyBytesKey = SectionName + ":" + nameof(MaxRequestBodyBytes);
    public const string MaxAdminRequestBodyBytesKey = SectionName + ":" + nameof(MaxAdminRequestBodyBytes);
    public const string ExitWhenStdinClosesKey = SectionName + ":" + nameof(ExitWhenStdinCloses);

    /// <summary>HTTP port. 0 picks a free port. Default 8080.</summary>
    public int HttpPort { get; set; } = 8080;

    /// <summary>HTTPS port. 0 picks a free port; -1 turns HTTPS off. Default 8443.</summary>
    public int HttpsPort { get; set; } = 8443;

    /// <summary><c>localhost</c> (loopback v4 and v6), <c>*</c> / <c>0.0.0.0</c> / <c>::</c> (all interfaces), or an IP address. Default <c>localhost</c>.</summary>
    public string ListenAddress { get; set; } = "localhost";

    /// <summary>
    /// Directory for the generated certificate, signing key, access key and resource id, so that a restart keeps
    /// clients working. <c>none</c> keeps everything in memory. Default: <c>~/.local/share/acs-identity-emulator</c>
    /// (the platform's local application data folder).
    /// </summary>
    public string? DataDirectory { get; set; }

    /// <summary>A PFX or PEM certificate for HTTPS instead of the generated one.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The PEM private key of <see cref="CertificatePath"/>, when the PEM file does not hold it.</summary>
    public string? CertificateKeyPath { get; set; }

    /// <summary>Password of the PFX (or encrypted PEM key) in <see cref="CertificatePath"/>.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>Largest request body of the emulated API, in bytes (1024 to 16777216). Default 65536.</summary>
    public int MaxRequestBodyBytes { get; set; } = 64 * 1024;

    /// <summary>Largest request body of the emulator's own <c>/emulator/*</c> routes, in bytes (1024 to 16777216). Default 1048576.</summary>
    public int MaxAdminRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// Whether the emulator stops when its standard input reaches end of file, so a parent that started it with a pipe
    /// (the test fixture's native mode) cannot leave it running when the parent dies. Default false.
    /// </summary>
    public bool ExitWhenStdinCloses { get; set; }

    /// <summary>Whether <see cref="DataDirectory"/> says to persist nothing.</summary>
    public bool IsEphemeral => string.Equals(DataDirectory, "none", StringComparison.OrdinalIgnoreCase);

    /// <summary>The data directory with the default applied; null when ephemeral.</summary>
    public string? ResolvedDataDirectory => IsEphemeral
        ? null
        : string.IsNullOrWhiteSpace(DataDirectory)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "acs-identity-emulator")
            : Path.GetFullPath(DataDirectory);


    /// <summary>Every problem with the raw <c>Server</c> settings of this class, each naming the key and the accepted values.</summary>
    public static IReadOnlyList<string> Validate(IConfiguration configuration)
    {
        var errors = new List<string>();
        SettingChecks.Port(configuration, HttpPortKey, allowDisabled: false, errors);
        SettingChecks.Port(configuration, HttpsPortKey, allowDisabled: true, errors);
        SettingChecks.Int(configuration, MaxRequestBodyBytesKey, 1024, 16 * 1024 * 1024, errors);
        SettingChecks.Int(configuration, MaxAdminRequestBodyBytesKey, 1024, 16 * 1024 * 1024, errors);
        SettingChecks.Bool(configuration, ExitWhenStdinClosesKey, errors);
        var listen = configuration[ListenAddressKey];
        if (listen is not null && !Configuration.ListenAddress.TryParse(listen, out _))
        {
            errors.Add($"{ListenAddressKey} '{listen}' is invalid: use {Configuration.ListenAddress.Accepted}.");
        }

        SettingChecks.File(configuration, CertificatePathKey, errors);
        SettingChecks.File(configuration, CertificateKeyPathKey, errors);
        return errors;
    }
}
