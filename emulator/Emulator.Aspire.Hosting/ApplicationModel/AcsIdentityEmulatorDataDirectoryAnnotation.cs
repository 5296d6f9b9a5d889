namespace Aspire.Hosting.ApplicationModel;

/// <summary>Where the emulator keeps its generated files (<c>Server:DataDirectory</c>): a host folder, or <c>none</c>.</summary>
internal sealed class AcsIdentityEmulatorDataDirectoryAnnotation(string path) : IResourceAnnotation
{
    public const string None = "none";

    public string Path { get; } = path;

    public bool IsNone => string.Equals(Path, None, StringComparison.OrdinalIgnoreCase);

    public static AcsIdentityEmulatorDataDirectoryAnnotation? Of(IResource resource) =>
        resource.Annotations.OfType<AcsIdentityEmulatorDataDirectoryAnnotation>().LastOrDefault();
}
