using System.Security.Cryptography;
using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting;

/// <summary>Adds the Azure Communication Services Identity emulator to an Aspire application model.</summary>
public static class AcsIdentityEmulatorBuilderExtensions
{
    /// <summary>The folder next to the AppHost that holds the emulator (put there by this package's build targets).</summary>
    public const string EmulatorFolder = "acs-identity-emulator";

    /// <summary>The readiness path the health check calls: 200 once the emulator serves requests.</summary>
    public const string ReadinessPath = "/emulator/health/ready";

    /// <summary>The image <see cref="RunAsContainer"/> uses unless told otherwise (built from the repository's <c>Dockerfile</c>).</summary>
    public const string DefaultImage = "acs-identity-emulator";

    /// <summary>
    /// Adds the ACS Identity emulator as an executable resource: <c>dotnet acs-identity-emulator/Emulator.dll</c>, with an
    /// HTTP and an HTTPS endpoint, a health check on <c>/emulator/health/ready</c> and a connection string
    /// (<c>endpoint=http://localhost:&lt;port&gt;/;accesskey=&lt;key&gt;</c>) that <c>WithReference</c> passes to a
    /// project as <c>ConnectionStrings__{name}</c>. No container runtime or registry is needed.
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <param name="name">The resource name.</param>
    /// <param name="httpPort">The HTTP port the AppHost exposes; <see langword="null"/> (the default) picks a free one.</param>
    /// <param name="httpsPort">The HTTPS port the AppHost exposes; <see langword="null"/> (the default) picks a free one.</param>
    /// <returns>The resource builder, for the <c>WithXxx</c> options and <see cref="RunAsContainer"/>.</returns>
    /// <remarks>
    /// Defaults: a generated access key (64 random bytes, base64; see <c>WithAccessKey</c>), a generated resource id,
    /// the data directory <c>none</c> (generated certificate and keys live only as long as the run; see
    /// <c>WithDataDirectory</c>). The resource is left out of the deployment manifest: it is for local runs and tests.
    /// </remarks>
    public static IResourceBuilder<AcsIdentityEmulatorResource> AddAcsIdentityEmulator(this IDistributedApplicationBuilder builder, string name, int? httpPort = null, int? httpsPort = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);

        var folder = Path.Combine(AppContext.BaseDirectory, EmulatorFolder);
        var generatedKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));
        var accessKey = new ParameterResource($"{name}-accesskey", _ => generatedKey, secret: true);

        return builder.AddResource(new AcsIdentityEmulatorResource(name, DotnetHost(), folder))
            .WithAnnotation(new AcsIdentityEmulatorAccessKeyAnnotation(accessKey))
            .WithArgs(context =>
            {
                // Only the executable runs the dll; after RunAsContainer the image's entry point does.
                if (context.Resource is ExecutableResource)
                {
                    context.Args.Add(EmulatorDll(folder));
                }
            })
            .WithHttpEndpoint(port: httpPort, name: AcsIdentityEmulatorResource.HttpEndpointName, env: "Server__HttpPort")
            .WithHttpsEndpoint(port: httpsPort, name: AcsIdentityEmulatorResource.HttpsEndpointName, env: "Server__HttpsPort")
            .WithEnvironment(ConfigureEnvironment)
            .WithHttpHealthCheck(ReadinessPath, endpointName: AcsIdentityEmulatorResource.HttpEndpointName)
            .ExcludeFromManifest();
    }

    /// <summary>
    /// Runs the emulator from a container image instead of the executable (for users who have the image, e.g. built
    /// with <c>docker build -t acs-identity-emulator .</c> from the repository). Call it right after
    /// <see cref="AddAcsIdentityEmulator"/> and use the builder it returns: the executable resource is replaced by a
    /// container resource of the same name, with the same endpoints (container ports 8080 and 8443), health check,
    /// access key and settings; a data directory becomes a bind mount on <c>/data</c>.
    /// </summary>
    /// <param name="builder">The builder <see cref="AddAcsIdentityEmulator"/> returned.</param>
    /// <param name="image">The image name (default <c>acs-identity-emulator</c>).</param>
    /// <param name="tag">The image tag (default <c>latest</c>).</param>
    /// <param name="registry">The registry, or <see langword="null"/> for the container runtime's default.</param>
    /// <returns>The container resource's builder.</returns>
    public static IResourceBuilder<AcsIdentityEmulatorContainerResource> RunAsContainer(this IResourceBuilder<AcsIdentityEmulatorResource> builder, string image = DefaultImage, string tag = "latest", string? registry = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(image);
        ArgumentException.ThrowIfNullOrWhiteSpace(tag);

        var executable = builder.Resource;
        var container = new AcsIdentityEmulatorContainerResource(executable.Name);
        foreach (var annotation in executable.Annotations)
        {
            // The command and working directory are the executable's; the manifest exclusion too (an image can be deployed).
            if (annotation is ExecutableAnnotation or ManifestPublishingCallbackAnnotation)
            {
                continue;
            }
            if (annotation is EndpointAnnotation endpoint)
            {
                // The same annotation objects, so references made before the switch see the allocated ports.
                endpoint.TargetPort = endpoint.Name == AcsIdentityEmulatorResource.HttpsEndpointName
                    ? AcsIdentityEmulatorContainerResource.HttpsTargetPort
                    : AcsIdentityEmulatorContainerResource.HttpTargetPort;
            }
            container.Annotations.Add(annotation);
        }

        var app = builder.ApplicationBuilder;
        app.Resources.Remove(executable);
        var result = app.AddResource(container).WithImage(image, tag);
        if (registry is not null)
        {
            result.WithImageRegistry(registry);
        }
        if (AcsIdentityEmulatorDataDirectoryAnnotation.Of(container) is { IsNone: false } data)
        {
            result.WithBindMount(data.Path, AcsIdentityEmulatorContainerResource.DataDirectory);
        }
        return result;
    }

    private static void ConfigureEnvironment(EnvironmentCallbackContext context)
    {
        context.EnvironmentVariables["Resource__AccessKey"] = AcsIdentityEmulatorAccessKeyAnnotation.Of(context.Resource);
        if (context.Resource is ContainerResource)
        {
            // The image listens on every interface and keeps its files in /data (a bind mount when one is set).
            return;
        }
        context.EnvironmentVariables["Server__ListenAddress"] = "localhost";
        context.EnvironmentVariables["Server__DataDirectory"] =
            AcsIdentityEmulatorDataDirectoryAnnotation.Of(context.Resource)?.Path ?? AcsIdentityEmulatorDataDirectoryAnnotation.None;
        // A launch profile or shell of the AppHost must not move the emulator off the ports Aspire gave it.
        context.EnvironmentVariables["ASPNETCORE_URLS"] = "";
        context.EnvironmentVariables["ASPNETCORE_HTTP_PORTS"] = "";
        context.EnvironmentVariables["ASPNETCORE_HTTPS_PORTS"] = "";
    }

    private static string EmulatorDll(string folder)
    {
        var dll = Path.Combine(folder, "Emulator.dll");
        return File.Exists(dll)
            ? dll
            : throw new InvalidOperationException(
                $"The ACS Identity emulator is not in '{folder}': the AcsIdentityEmulator.Aspire.Hosting package copies it there when the AppHost builds. Rebuild the AppHost, or use RunAsContainer() with an image.");
    }

    // The dotnet host that runs the AppHost (set by `dotnet run` and the test hosts), else the one on the PATH.
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
}
