using Emulator.Infrastructure;
using Emulator.Versioning;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Emulator.Tests;

/// <summary>The pipeline's contracts: one declaration of the emulated surface, one step that reads the body.</summary>
public sealed class PipelineContractTests(EmulatorFactory factory) : IClassFixture<EmulatorFactory>
{
    [Fact]
    public void EveryEmulatedOperation_IsInTheEmulatedGroup_AndNoEmulatorRouteIs()
    {
        _ = factory.Server; // builds the app
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

        var emulated = endpoints.Where(e => e.Metadata.GetMetadata<EmulatedApiMetadata>() is not null).ToList();
        var emulator = endpoints.Where(e => e.RoutePattern.RawText!.StartsWith(ApiSurface.EmulatorPrefix, StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(emulated);
        Assert.NotEmpty(emulator);
        Assert.All(endpoints.Where(e => e.Metadata.GetMetadata<ApiOperationMetadata>() is not null), e => Assert.Contains(e, emulated));
        Assert.All(emulated, e => Assert.NotNull(e.Metadata.GetMetadata<ApiOperationMetadata>()));
        Assert.All(emulator, e => Assert.DoesNotContain(e, emulated));
        Assert.Equal(endpoints.Count, emulated.Count + emulator.Count);
    }

    [Theory]
    [InlineData("/identities", true, true)]
    [InlineData("/identities", false, false)] // a route outside the group is not emulated, whatever its path
    [InlineData("/emulator/info", false, false)]
    public void IsEmulated_FollowsTheEndpointsGroup(string path, bool inGroup, bool expected)
    {
        var context = new DefaultHttpContext { Request = { Path = path } };
        var metadata = inGroup ? new EndpointMetadataCollection(EmulatedApiMetadata.Instance) : EndpointMetadataCollection.Empty;
        context.SetEndpoint(new RouteEndpoint(_ => Task.CompletedTask, RoutePatternFactory.Parse(path), 0, metadata, path));

        Assert.Equal(expected, ApiSurface.IsEmulated(context));
    }

    [Theory]
    [InlineData("/nothing-here", true)]
    [InlineData("/emulator/nothing-here", false)]
    [InlineData("/Emulator/reset", false)]
    public void IsEmulated_WithoutARoute_IsEverythingOutsideTheEmulatorPrefix(string path, bool expected)
    {
        var context = new DefaultHttpContext { Request = { Path = path } };

        Assert.Equal(expected, ApiSurface.IsEmulated(context));
    }

    [Fact]
    public async Task RequestBody_WhenTheBodyStepDidNotRun_FailsLoudly()
    {
        var context = new DefaultHttpContext { Request = { Method = "POST", Path = "/identities" } };

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => RequestBody.BindAsync(context).AsTask());

        Assert.Contains(nameof(RequestBodyMiddleware), error.Message, StringComparison.Ordinal);
        Assert.Contains("POST /identities", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequestBody_IsTheBytesTheBodyStepRead()
    {
        var context = new DefaultHttpContext();
        context.Features.Set(new RequestBody("{\"a\":1}"u8.ToArray()));

        var body = await RequestBody.BindAsync(context);

        Assert.Equal("{\"a\":1}", System.Text.Encoding.UTF8.GetString(body!.Bytes.Span));
    }
}
