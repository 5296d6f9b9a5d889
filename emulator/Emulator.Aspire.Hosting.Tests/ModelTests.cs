using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace Emulator.Aspire.Hosting.Tests;

/// <summary>The application model AddAcsIdentityEmulator builds, read without starting anything.</summary>
public sealed class ModelTests
{
    private const string ResourceId = "2b236b8e-e9b7-4be0-8757-b43061a56d37";

    [Fact]
    public async Task AddAcsIdentityEmulator_IsAnExecutableOfTheBundledEmulator_WithEndpointsHealthCheckAndConnectionString()
    {
        var builder = NewBuilder();
        var acs = builder.AddAcsIdentityEmulator("acs");

        var resource = Assert.Single(builder.Resources.OfType<AcsIdentityEmulatorResource>());
        Assert.Same(acs.Resource, resource);
        Assert.EndsWith("dotnet", Path.GetFileNameWithoutExtension(resource.Command), StringComparison.Ordinal);
        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "acs-identity-emulator"), resource.WorkingDirectory);
        var args = await Args(resource);
        var dll = Assert.IsType<string>(Assert.Single(args));
        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "acs-identity-emulator", "Emulator.dll"), dll);
        Assert.True(File.Exists(dll), "the build copies the emulator next to the AppHost");

        var endpoints = resource.Annotations.OfType<EndpointAnnotation>().ToDictionary(e => e.Name);
        Assert.Equal("http", endpoints["http"].UriScheme);
        Assert.Equal("https", endpoints["https"].UriScheme);
        Assert.Equal(2, endpoints.Count);
        Assert.Single(resource.Annotations.OfType<HealthCheckAnnotation>());

        Assert.Equal("endpoint={acs.bindings.http.url}/;accesskey={acs-accesskey.value}", resource.ConnectionStringExpression.ValueExpression);
        Assert.True(resource.AccessKey.Secret);
        var key = await resource.AccessKey.GetValueAsync(TestContext.Current.CancellationToken);
        Assert.Equal(64, Convert.FromBase64String(key!).Length);

        var env = await Environment(resource);
        Assert.Same(resource.AccessKey, env["Resource__AccessKey"]);
        Assert.Equal("none", env["Server__DataDirectory"]);
        Assert.Equal("localhost", env["Server__ListenAddress"]);
    }

    [Fact]
    public async Task TwoEmulators_GetDifferentGeneratedKeys()
    {
        var builder = NewBuilder();
        var first = builder.AddAcsIdentityEmulator("acs1");
        var second = builder.AddAcsIdentityEmulator("acs2");
        Assert.NotEqual(await first.Resource.AccessKey.GetValueAsync(TestContext.Current.CancellationToken), await second.Resource.AccessKey.GetValueAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Settings_BecomeTheEmulatorsConfigurationKeys()
    {
        var builder = NewBuilder();
        var data = Path.Combine(Path.GetTempPath(), "acs-aspire-model-test");
        var acs = builder.AddAcsIdentityEmulator("acs")
            .WithAccessKey("c2VjcmV0LWtleS1mb3ItdGVzdHM=")
            .WithResourceId(ResourceId)
            .WithLocation("europe")
            .WithDataDirectory(data)
            .WithPersistentState()
            .WithSetting("Throttling:Mode", "Live");

        var env = await Environment(acs.Resource);
        Assert.Equal("c2VjcmV0LWtleS1mb3ItdGVzdHM=", await ((ParameterResource)env["Resource__AccessKey"]).GetValueAsync(TestContext.Current.CancellationToken));
        Assert.Equal("c2VjcmV0LWtleS1mb3ItdGVzdHM=", await acs.Resource.AccessKey.GetValueAsync(TestContext.Current.CancellationToken));
        Assert.Equal(ResourceId, env["Resource__Id"]);
        Assert.Equal("europe", env["Resource__Location"]);
        Assert.Equal(data, env["Server__DataDirectory"]);
        Assert.Equal("true", env["Server__PersistState"]);
        Assert.Equal("Live", env["Throttling__Mode"]);
    }

    [Fact]
    public async Task WithAccessKey_Parameter_IsTheConnectionStringsKey()
    {
        var builder = NewBuilder();
        builder.Configuration["Parameters:acs-key"] = "a2V5LWZyb20tYS1wYXJhbWV0ZXI=";
        var key = builder.AddParameter("acs-key", secret: true);
        var acs = builder.AddAcsIdentityEmulator("acs").WithAccessKey(key);

        Assert.Same(key.Resource, acs.Resource.AccessKey);
        Assert.Equal("endpoint={acs.bindings.http.url}/;accesskey={acs-key.value}", acs.Resource.ConnectionStringExpression.ValueExpression);
        Assert.Same(key.Resource, (await Environment(acs.Resource))["Resource__AccessKey"]);
    }

    [Theory]
    [InlineData("not a key!")]
    [InlineData("")]
    public void WithAccessKey_RefusesWhatIsNotBase64(string key)
    {
        var builder = NewBuilder();
        var acs = builder.AddAcsIdentityEmulator("acs");
        var error = Assert.Throws<ArgumentException>(() => acs.WithAccessKey(key));
        Assert.Equal("accessKey", error.ParamName);
    }

    [Fact]
    public void WithResourceId_RefusesWhatIsNotAGuid()
    {
        var builder = NewBuilder();
        var acs = builder.AddAcsIdentityEmulator("acs");
        var error = Assert.Throws<ArgumentException>(() => acs.WithResourceId("resource-1"));
        Assert.Contains("'resource-1' is not a GUID", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Server:HttpPort")]
    [InlineData("server:httpsport")]
    [InlineData("Resource:AccessKey")]
    [InlineData("Server:DataDirectory")]
    public void WithSetting_RefusesTheKeysTheIntegrationSets(string key)
    {
        var builder = NewBuilder();
        var acs = builder.AddAcsIdentityEmulator("acs");
        var error = Assert.Throws<ArgumentException>(() => acs.WithSetting(key, "1"));
        Assert.StartsWith($"{key} is set by the integration", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsContainer_ReplacesTheExecutable_WithTheImageOnItsOwnPorts_KeepingKeySettingsAndHealthCheck()
    {
        var builder = NewBuilder();
        var data = Path.Combine(Path.GetTempPath(), "acs-aspire-container-test");
        var executable = builder.AddAcsIdentityEmulator("acs").WithResourceId(ResourceId).WithDataDirectory(data);
        var key = await executable.Resource.AccessKey.GetValueAsync(TestContext.Current.CancellationToken);

        var acs = executable.RunAsContainer(tag: "0.1.0", registry: "registry.example");

        var resource = Assert.Single(builder.Resources, r => r.Name == "acs");
        Assert.Same(acs.Resource, resource);
        var image = Assert.Single(resource.Annotations.OfType<ContainerImageAnnotation>());
        Assert.Equal(("acs-identity-emulator", "0.1.0", "registry.example"), (image.Image, image.Tag, image.Registry));
        var endpoints = resource.Annotations.OfType<EndpointAnnotation>().ToDictionary(e => e.Name);
        Assert.Equal(8080, endpoints["http"].TargetPort);
        Assert.Equal(8443, endpoints["https"].TargetPort);
        var mount = Assert.Single(resource.Annotations.OfType<ContainerMountAnnotation>());
        Assert.Equal((data, "/data", ContainerMountType.BindMount), (mount.Source, mount.Target, mount.Type));
        Assert.Single(resource.Annotations.OfType<HealthCheckAnnotation>());
        Assert.Empty(resource.Annotations.OfType<ExecutableAnnotation>());

        Assert.Empty(await Args(acs.Resource));
        var env = await Environment(acs.Resource);
        Assert.Equal(key, await ((ParameterResource)env["Resource__AccessKey"]).GetValueAsync(TestContext.Current.CancellationToken));
        Assert.Equal(ResourceId, env["Resource__Id"]);
        Assert.False(env.ContainsKey("Server__DataDirectory"), "the image keeps its files in /data");
        Assert.Equal("endpoint={acs.bindings.http.url}/;accesskey={acs-accesskey.value}", acs.Resource.ConnectionStringExpression.ValueExpression);
    }

    // A plain builder: nothing here is built or started, so no AppHost project is needed.
    private static IDistributedApplicationBuilder NewBuilder() =>
        DistributedApplication.CreateBuilder(new DistributedApplicationOptions { Args = [], DisableDashboard = true });

    private static async Task<Dictionary<string, object>> Environment(IResource resource)
    {
        var values = new Dictionary<string, object>();
        var context = new EnvironmentCallbackContext(new DistributedApplicationExecutionContext(DistributedApplicationOperation.Run), resource, values, TestContext.Current.CancellationToken);
        foreach (var callback in resource.Annotations.OfType<EnvironmentCallbackAnnotation>())
        {
            await callback.Callback(context);
        }
        return values;
    }

    private static async Task<List<object>> Args(IResource resource)
    {
        var args = new List<object>();
        var context = new CommandLineArgsCallbackContext(args, resource, TestContext.Current.CancellationToken);
        foreach (var callback in resource.Annotations.OfType<CommandLineArgsCallbackAnnotation>())
        {
            await callback.Callback(context);
        }
        return args;
    }
}
