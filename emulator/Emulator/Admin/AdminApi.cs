using System.Text.Json;
using Emulator.Configuration;
using Emulator.Hosting;
using Emulator.Identities;
using Emulator.Infrastructure;
using Emulator.Tokens;
using Emulator.Versioning;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Emulator.Admin;

/// <summary>The emulator's own endpoints, under <see cref="Prefix"/>, outside the emulated API (docs/emulator-endpoints.md).</summary>
internal static class AdminApi
{
    public const string Prefix = ApiSurface.EmulatorPrefix;

    private static readonly string[] SigningAlgorithms = ["RS256"];
    private static readonly string[] ResponseTypes = ["token"];
    private static readonly string[] SubjectTypes = ["public"];
    private static readonly string[] Claims = [.. AcsClaims.All];

    public static IEndpointRouteBuilder MapAdmin(this IEndpointRouteBuilder app)
    {
        // GET    /emulator/health/live                     200 while the process runs
        // GET    /emulator/health/ready                    200 once listening, else 503
        // GET    /emulator/info                            connection strings, resource, versions
        // POST   /emulator/reset[?id=]                     forget everything (or one identity)
        // GET    /emulator/identities[?top=]               identities and their token state
        // GET    /emulator/identities/{id}                 one identity
        // POST   /emulator/tokens/validate                 is this token valid, and if not, why
        // GET    /emulator/.well-known/openid-configuration discovery
        // GET    /emulator/jwks                            signing keys
        // GET    /emulator/certificate                     HTTPS certificate (PEM)
        // GET    /emulator/clock                           emulated time
        // POST   /emulator/clock/advance                   move it forward {"seconds"}
        // PUT    /emulator/clock                           set {"offsetSeconds"} or {"now"}
        // DELETE /emulator/clock                           back to real time
        var group = app.MapGroup(Prefix).ExcludeFromDescription();
        group.MapGet("/health/live", () => TypedResults.Ok(new HealthView("live")));
        group.MapGet("/health/ready", Ready);
        group.MapGet("/info", Info);
        group.MapPost("/reset", Reset);
        group.MapGet("/identities", ListIdentities);
        group.MapGet("/identities/{id}", GetIdentity);
        group.MapPost("/tokens/validate", ValidateToken);
        group.MapGet("/.well-known/openid-configuration", Discovery);
        group.MapGet("/jwks", (Jwks jwks) => TypedResults.Text(jwks.Json, "application/json"));
        group.MapGet("/certificate", (HttpsCertificate certificate) => TypedResults.Text(certificate.Pem, "application/x-pem-file"));
        group.MapClock();
        return app;
    }

    public static Results<Ok<HealthView>, JsonHttpResult<HealthView>> Ready(Readiness readiness)
        => readiness.IsReady ? TypedResults.Ok(new HealthView("ready")) : TypedResults.Json(new HealthView("starting"), AdminJsonContext.Default.HealthView, statusCode: 503);

    public static Ok<InfoView> Info(HttpRequest request, ResourceSettings resource, BoundUrls endpoints, EmulatorClock clock)
    {
        var byScheme = endpoints.ByScheme(request);
        var connectionStrings = byScheme.ToDictionary(e => e.Key, e => endpoints.ConnectionString(e.Value));
        var version = typeof(AdminApi).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
        return TypedResults.Ok(new InfoView(
            resource.ResourceId, resource.Location, resource.AccessKey, byScheme, connectionStrings,
            endpoints.ConnectionString($"{request.Scheme}://{request.Host}/"),
            [.. ApiVersions.All.Select(v => v.Name)], clock.GetUtcNow(), version));
    }

    public static Results<NoContent, ProblemHttpResult> Reset(string? id, EmulatorReset reset, IdentityStore identities, ResourceSettings resource)
    {
        if (id is null)
        {
            reset.Reset();
            return TypedResults.NoContent();
        }

        if (!IdentityId.TryParse(id, resource, out var guid, out var error))
        {
            return TypedResults.Problem(error.Message, statusCode: 400, title: "Invalid identity id");
        }

        return identities.Forget(guid) ? TypedResults.NoContent() : TypedResults.Problem($"Identity '{id}' is not known.", statusCode: 404, title: "Identity not found");
    }

    public static Results<Ok<IdentityListView>, ProblemHttpResult> ListIdentities(int? top, IdentityStore store, ResourceSettings resource)
    {
        var take = top ?? 100;
        if (take is < 0 or > 10_000)
        {
            return TypedResults.Problem("top must be from 0 to 10000.", statusCode: 400, title: "Invalid top");
        }

        var page = store.List().OrderByDescending(r => r.CreatedAt).Take(take).Select(r => IdentityStateView.From(r, resource)).ToArray();
        return TypedResults.Ok(new IdentityListView(page, store.Count));
    }

    public static Results<Ok<IdentityStateView>, ProblemHttpResult> GetIdentity(string id, IdentityStore store, ResourceSettings resource)
    {
        if (!IdentityId.TryParse(id, resource, out var guid, out var error))
        {
            return TypedResults.Problem(error.Message, statusCode: 400, title: "Invalid identity id");
        }

        return store.Get(guid) is { } record
            ? TypedResults.Ok(IdentityStateView.From(record, resource))
            : TypedResults.Problem($"Identity '{id}' is not known.", statusCode: 404, title: "Identity not found");
    }

    public static Results<Ok<TokenValidationView>, ProblemHttpResult> ValidateToken(RequestBody body, TokenValidator validator)
    {
        string? token = null;
        var error = JsonRequest.Read(body, out var json);
        using (json)
        {
            error ??= json.ReadString("token", "Token", out token);
        }

        if (error is { Code: AcsErrors.ValidationError, Target: ['$', ..] })
        {
            return TypedResults.Problem(error.Message, statusCode: 400, title: "Invalid JSON text");
        }

        return string.IsNullOrEmpty(token)
            ? TypedResults.Problem("The body must be {\"token\":\"<access token>\"}.", statusCode: 400, title: "Missing token")
            : TypedResults.Ok(TokenValidationView.From(validator.Validate(token)));
    }

    public static ContentHttpResult Discovery(HttpRequest request)
    {
        var issuer = $"{request.Scheme}://{request.Host}{Prefix}";
        var json = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["issuer"] = issuer,
            ["jwks_uri"] = issuer + "/jwks",
            ["id_token_signing_alg_values_supported"] = SigningAlgorithms,
            ["response_types_supported"] = ResponseTypes,
            ["subject_types_supported"] = SubjectTypes,
            ["claims_supported"] = Claims,
        }, AdminJsonContext.Default.DictionaryStringObject);
        return TypedResults.Text(json, "application/json");
    }
}
