using Emulator.Admin;
using Emulator.Configuration;
using Emulator.Hosting;
using Emulator.Identities;
using Emulator.Infrastructure;
using Emulator.Journal;
using Emulator.Versioning;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Emulator.Dashboard;

/// <summary>The web dashboard at <c>/emulator/ui</c> and the two admin actions it needs beyond the existing routes.</summary>
internal static class DashboardApi
{
    public const string Route = "/ui";

    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        // GET    /emulator/ui                         the dashboard page
        // GET    /emulator/ui/{file}                  its script and style sheet (embedded)
        // GET    /emulator/ui/config                  configuration at a glance (never the key)
        // POST   /emulator/identities/{id}/revoke     revoke the identity's tokens, as :revokeAccessTokens
        // DELETE /emulator/identities/{id}            delete the identity, as DELETE /identities/{id}
        var group = app.MapGroup(ApiSurface.EmulatorPrefix).ExcludeFromDescription();
        group.MapGet(Route, (HttpContext context, DashboardAssets assets) => Serve(context, assets, "index.html"));
        group.MapGet(Route + "/config", Config);
        group.MapGet(Route + "/{file}", (string file, HttpContext context, DashboardAssets assets) => Serve(context, assets, file));
        group.MapPost("/identities/{id}/revoke", Revoke);
        group.MapDelete("/identities/{id}", Delete);
        return app;
    }

    public static IResult Serve(HttpContext context, DashboardAssets assets, string file)
    {
        if (assets.Find(file) is not { } asset)
        {
            return TypedResults.Problem($"The dashboard has no file '{file}'.", statusCode: 404, title: "Not found");
        }

        var headers = context.Response.Headers;
        headers.ETag = asset.ETag;
        headers.CacheControl = "no-cache";
        headers.XContentTypeOptions = "nosniff";
        // Everything the page loads is its own: no CDN, no inline script, no other origin.
        headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'";
        return context.Request.Headers.IfNoneMatch == asset.ETag
            ? TypedResults.StatusCode(304)
            : TypedResults.Bytes(asset.Bytes, asset.ContentType);
    }

    public static Ok<DashboardConfigView> Config(
        HttpRequest request, ResourceSettings resource, BoundUrls endpoints, IOptions<ApiVersionOptions> versions,
        IOptions<AuthenticationOptions> authentication, RequestJournal journal, AccessLog accessLog)
    {
        var auth = authentication.Value;
        return TypedResults.Ok(new DashboardConfigView(
            resource.ResourceId,
            resource.Location,
            endpoints.ByScheme(request),
            [.. ApiVersions.All.Select(v => v.Name)],
            ApiVersions.Latest.Name,
            versions.Value.UnknownVersions.ToString(),
            resource.AccessKeyGenerated ? "generated at first start" : "configured",
            ["HMAC-SHA256 (access key)", "Bearer (Entra ID token)"],
            string.IsNullOrEmpty(auth.Authority)
                ? "any well-formed, unexpired JWT for an ACS audience (no Authentication:Authority set)"
                : $"signature, issuer, audience and lifetime against {auth.Authority}",
            auth.ClockSkewMinutes,
            journal.Capacity,
            accessLog.Mode.ToString(),
            typeof(DashboardApi).Assembly.GetName().Version?.ToString(3) ?? "0.0.0"));
    }

    public static Results<Ok<IdentityStateView>, ProblemHttpResult> Revoke(string id, IdentityStore store, EmulatorClock clock, ResourceSettings resource)
        => Act(id, store, resource, guid => store.Revoke(guid, clock.GetUtcNow()));

    public static Results<Ok<IdentityStateView>, ProblemHttpResult> Delete(string id, IdentityStore store, EmulatorClock clock, ResourceSettings resource)
        => Act(id, store, resource, guid => store.Delete(guid, clock.GetUtcNow()));

    private static Results<Ok<IdentityStateView>, ProblemHttpResult> Act(string id, IdentityStore store, ResourceSettings resource, Func<Guid, bool> action)
    {
        if (!IdentityId.TryParse(id, resource, out var guid, out var error))
        {
            return TypedResults.Problem(error!.Message, statusCode: 400, title: "Invalid identity id");
        }

        if (store.Get(guid) is not { } before)
        {
            return TypedResults.Problem($"Identity '{id}' is not known.", statusCode: 404, title: "Identity not found");
        }

        if (before.IsDeleted || !action(guid))
        {
            return TypedResults.Problem($"Identity '{id}' was deleted at {(before.DeletedAt ?? store.Get(guid)?.DeletedAt):O}.", statusCode: 409, title: "Identity deleted");
        }

        return TypedResults.Ok(IdentityStateView.From(store.Get(guid)!, resource));
    }
}
