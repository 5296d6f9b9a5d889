namespace Emulator.Testcontainers;

/// <summary>How <see cref="EmulatorContainer"/> starts the emulator image.</summary>
public sealed class EmulatorContainerOptions
{
    /// <summary>The image to run. Default <see cref="EmulatorContainer.DefaultImage"/>, or <c>EMULATOR_IMAGE</c> when set.</summary>
    public string Image { get; set; } = System.Environment.GetEnvironmentVariable("EMULATOR_IMAGE") is { Length: > 0 } image
        ? image
        : EmulatorContainer.DefaultImage;

    /// <summary>The access key of the connection string. Default: 64 random bytes, base64, new for each container.</summary>
    public string? AccessKey { get; set; }

    /// <summary>
    /// Host address the random host ports are published on (for instance <c>127.0.0.1</c>). Default: the container
    /// engine's default (all interfaces), which a remote Docker host needs.
    /// </summary>
    public string? HostIp { get; set; }

    /// <summary>Further emulator settings as environment variables, e.g. <c>Resource__Location=europe</c>.</summary>
    public IDictionary<string, string> Environment { get; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
