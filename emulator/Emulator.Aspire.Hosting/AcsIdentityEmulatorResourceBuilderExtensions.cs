using Aspire.Hosting.ApplicationModel;

namespace Aspire.Hosting;

/// <summary>The emulator's settings, for the executable and the container resource alike.</summary>
public static class AcsIdentityEmulatorResourceBuilderExtensions
{
    // Set by the integration itself: the ports follow the endpoints, the key the connection string, the data directory WithDataDirectory.
    private static readonly string[] s_managedKeys = ["Server:HttpPort", "Server:HttpsPort", "Server:ListenAddress", "Resource:AccessKey", "Server:DataDirectory"];

    /// <summary>Uses this parameter as the access key (<c>Resource:AccessKey</c>) and in the connection string.</summary>
    /// <param name="builder">The emulator resource.</param>
    /// <param name="accessKey">A parameter whose value is a base64 string, e.g. <c>builder.AddParameter("acs-key", secret: true)</c>.</param>
    /// <returns>The builder.</returns>
    public static IResourceBuilder<T> WithAccessKey<T>(this IResourceBuilder<T> builder, IResourceBuilder<ParameterResource> accessKey)
        where T : IAcsIdentityEmulatorResource
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(accessKey);
        return builder.WithAnnotation(new AcsIdentityEmulatorAccessKeyAnnotation(accessKey.Resource), ResourceAnnotationMutationBehavior.Replace);
    }

    /// <summary>Uses this access key (<c>Resource:AccessKey</c>, base64) instead of a generated one.</summary>
    /// <param name="builder">The emulator resource.</param>
    /// <param name="accessKey">A non-empty base64 string.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException">The key is empty or not base64.</exception>
    public static IResourceBuilder<T> WithAccessKey<T>(this IResourceBuilder<T> builder, string accessKey)
        where T : IAcsIdentityEmulatorResource
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (string.IsNullOrEmpty(accessKey) || !IsBase64(accessKey))
        {
            throw new ArgumentException("The access key must be a non-empty base64 string (the value is not shown).", nameof(accessKey));
        }
        var parameter = new ParameterResource($"{builder.Resource.Name}-accesskey", _ => accessKey, secret: true);
        return builder.WithAnnotation(new AcsIdentityEmulatorAccessKeyAnnotation(parameter), ResourceAnnotationMutationBehavior.Replace);
    }

    /// <summary>Sets the resource's immutable id (<c>Resource:Id</c>), which appears in identity ids and tokens.</summary>
    /// <param name="builder">The emulator resource.</param>
    /// <param name="resourceId">A GUID such as <c>2b236b8e-e9b7-4be0-8757-b43061a56d37</c>; the default is generated.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException">The id is not a GUID in that form.</exception>
    public static IResourceBuilder<T> WithResourceId<T>(this IResourceBuilder<T> builder, string resourceId)
        where T : IAcsIdentityEmulatorResource
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!Guid.TryParseExact(resourceId, "D", out _))
        {
            throw new ArgumentException($"The resource id '{resourceId}' is not a GUID such as 2b236b8e-e9b7-4be0-8757-b43061a56d37.", nameof(resourceId));
        }
        return builder.WithEnvironment("Resource__Id", resourceId);
    }

    /// <summary>Sets the data location (<c>Resource:Location</c>, default <c>unitedstates</c>), which sets the tokens' region.</summary>
    /// <param name="builder">The emulator resource.</param>
    /// <param name="location">An ACS data location such as <c>europe</c>; the emulator refuses an unknown one at start.</param>
    /// <returns>The builder.</returns>
    public static IResourceBuilder<T> WithLocation<T>(this IResourceBuilder<T> builder, string location)
        where T : IAcsIdentityEmulatorResource
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(location);
        return builder.WithEnvironment("Resource__Location", location);
    }

    /// <summary>
    /// Keeps the emulator's generated certificate, signing key and resource id in this folder (<c>Server:DataDirectory</c>),
    /// so that restarts keep certificates and tokens valid; <c>none</c> (the default) keeps everything in memory.
    /// With <see cref="AcsIdentityEmulatorBuilderExtensions.RunAsContainer"/> the folder is bind-mounted on the image's <c>/data</c>.
    /// </summary>
    /// <param name="builder">The emulator resource.</param>
    /// <param name="path">A folder (relative paths are relative to the AppHost's directory), or <c>none</c>.</param>
    /// <returns>The builder.</returns>
    public static IResourceBuilder<T> WithDataDirectory<T>(this IResourceBuilder<T> builder, string path)
        where T : IAcsIdentityEmulatorResource
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = string.Equals(path, AcsIdentityEmulatorDataDirectoryAnnotation.None, StringComparison.OrdinalIgnoreCase)
            ? AcsIdentityEmulatorDataDirectoryAnnotation.None
            : Path.GetFullPath(path, builder.ApplicationBuilder.AppHostDirectory);
        builder.WithAnnotation(new AcsIdentityEmulatorDataDirectoryAnnotation(full), ResourceAnnotationMutationBehavior.Replace);
        if (builder.Resource is ContainerResource && full != AcsIdentityEmulatorDataDirectoryAnnotation.None)
        {
            builder.WithAnnotation(new ContainerMountAnnotation(full, AcsIdentityEmulatorContainerResource.DataDirectory, ContainerMountType.BindMount, isReadOnly: false));
        }
        return builder;
    }

    /// <summary>Keeps identities, revocations and the clock offset in the data directory across restarts (<c>Server:PersistState</c>); needs <see cref="WithDataDirectory"/>.</summary>
    /// <param name="builder">The emulator resource.</param>
    /// <param name="persist">Whether to persist (default <see langword="true"/>).</param>
    /// <returns>The builder.</returns>
    public static IResourceBuilder<T> WithPersistentState<T>(this IResourceBuilder<T> builder, bool persist = true)
        where T : IAcsIdentityEmulatorResource
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.WithEnvironment("Server__PersistState", persist ? "true" : "false");
    }

    /// <summary>
    /// Sets any other emulator setting by its configuration key, as in the README's Configuration table, e.g.
    /// <c>WithSetting("Throttling:Mode", "Live")</c> or <c>WithSetting("ApiVersions:UnknownVersions", "ServeLatest")</c>.
    /// The emulator checks the keys and values when it starts and names any it refuses.
    /// </summary>
    /// <param name="builder">The emulator resource.</param>
    /// <param name="key">The key, sections separated by <c>:</c>.</param>
    /// <param name="value">The value.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException">The key is empty, or one the integration sets itself (ports, listen address, access key, data directory).</exception>
    public static IResourceBuilder<T> WithSetting<T>(this IResourceBuilder<T> builder, string key, string value)
        where T : IAcsIdentityEmulatorResource
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentNullException.ThrowIfNull(value);
        if (s_managedKeys.Contains(key, StringComparer.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"{key} is set by the integration: use the endpoints' ports, WithAccessKey or WithDataDirectory.", nameof(key));
        }
        return builder.WithEnvironment(key.Replace(":", "__", StringComparison.Ordinal), value);
    }

    private static bool IsBase64(string value)
    {
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out var written) && written > 0;
    }
}
