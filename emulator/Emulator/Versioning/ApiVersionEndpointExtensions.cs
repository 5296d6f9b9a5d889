namespace Emulator.Versioning;

/// <summary>Marks an endpoint as an emulated operation, so <see cref="ApiVersionMiddleware"/> resolves api-version for it.</summary>
internal static class ApiVersionEndpointExtensions
{
    public static RouteHandlerBuilder WithApiOperation(this RouteHandlerBuilder builder, ApiOperation operations)
        => builder.WithMetadata(new ApiOperationMetadata(operations));
}
