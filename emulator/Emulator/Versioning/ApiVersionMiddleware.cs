using Emulator.Configuration;
using Emulator.Infrastructure;
using Microsoft.Extensions.Options;

namespace Emulator.Versioning;

/// <summary>
/// Runs after routing and before an emulated operation's handler: resolves <c>api-version</c> for the operation in
/// the endpoint's metadata, answers the errors of reference §4.2, and owns the route's <c>api-supported-versions</c>
/// header (left off the error families the live service sends without it).
/// </summary>
internal sealed class ApiVersionMiddleware(RequestDelegate next, IOptions<ApiVersionOptions> options)
{
    public Task InvokeAsync(HttpContext http)
    {
        var metadata = http.GetEndpoint()?.Metadata.GetMetadata<ApiOperationMetadata>();
        if (metadata is null)
        {
            return next(http);
        }

        // The one owner of api-supported-versions: the route's versions, except on the error families the live
        // service sends without them (the answered error is known only when the response starts).
        http.Response.Headers[HeaderNames.ApiSupportedVersions] = metadata.SupportedVersions;
        http.Response.OnStarting(static state =>
        {
            var context = (HttpContext)state;
            if (context.Features.Get<AcsError>() is { ReportsApiVersions: false })
            {
                context.Response.Headers.Remove(HeaderNames.ApiSupportedVersions);
            }

            return Task.CompletedTask;
        }, http);

        var requested = http.Request.Query["api-version"].ToString();
        var resolved = Resolve(metadata.Operations, requested, out var servedAsLatest);
        if (resolved is null)
        {
            return new AcsErrorResult(ErrorFor(http.Request, requested)).ExecuteAsync(http);
        }

        if (servedAsLatest)
        {
            http.Response.Headers[HeaderNames.ServedApiVersion] = resolved.Name;
        }

        http.Features.Set(resolved);
        return next(http);
    }

    private ApiVersionInfo? Resolve(ApiOperation operation, string requested, out bool servedAsLatest)
    {
        servedAsLatest = false;
        if (requested.Length == 0)
        {
            return null;
        }

        var known = ApiVersions.Find(requested);
        if (known is not null)
        {
            return known.HasAny(operation) ? known : null;
        }

        if (options.Value.UnknownVersions == UnknownVersionPolicy.ServeLatest && ApiVersions.IsWellFormed(requested) && ApiVersions.Latest.HasAny(operation))
        {
            servedAsLatest = true;
            return ApiVersions.Latest;
        }

        return null;
    }

    private static AcsError ErrorFor(HttpRequest request, string requested)
    {
        if (requested.Length == 0)
        {
            return AcsErrors.VersionUnspecified();
        }

        var uri = $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}";
        return ApiVersions.IsWellFormed(requested)
            ? AcsErrors.UnsupportedVersion(uri, requested)
            : AcsErrors.VersionInvalid(uri, requested);
    }
}

