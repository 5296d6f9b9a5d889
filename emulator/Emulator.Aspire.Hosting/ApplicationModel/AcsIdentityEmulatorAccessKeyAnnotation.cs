namespace Aspire.Hosting.ApplicationModel;

/// <summary>The access key of an emulator resource; an annotation so that it moves with the others in <c>RunAsContainer</c>.</summary>
internal sealed class AcsIdentityEmulatorAccessKeyAnnotation(ParameterResource key) : IResourceAnnotation
{
    public ParameterResource Key { get; } = key;

    public static ParameterResource Of(IResource resource) =>
        resource.Annotations.OfType<AcsIdentityEmulatorAccessKeyAnnotation>().LastOrDefault()?.Key
        ?? throw new InvalidOperationException($"The ACS Identity emulator resource '{resource.Name}' has no access key.");
}
