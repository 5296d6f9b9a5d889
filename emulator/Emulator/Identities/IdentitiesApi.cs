using Emulator.Configuration;
using Emulator.Infrastructure;
using Emulator.Versioning;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Emulator.Identities;

/// <summary>The identity operations of every api-version (reference §2.1-2.5).</summary>
internal static class IdentitiesApi
{
    public static IEndpointRouteBuilder MapIdentities(this IEndpointRouteBuilder app)
    {
        // POST   /identities                            create (201; 200 {id} in 2020-07-20-preview2)
        // GET    /identities/{id}                       get (2025-03-02-preview)
        // DELETE /identities/{id}                       delete (204)
        // PATCH  /identities/{id}                       tokensValidFrom (2020-07-20-preview2, 204)
        // POST   /identities/{id}/:issueAccessToken     issue (200)
        // POST   /identities/{id}/:revokeAccessTokens   revoke (204)
        // POST   /identities/{id}/token                 issue (2020-07-20-preview2, 200 {id,token,expiresOn})
        app.MapPost("/identities", Create).WithApiOperation(ApiOperation.CreateIdentity | ApiOperation.LegacyCreateIdentity);
        app.MapGet("/identities/{id}", Get).WithApiOperation(ApiOperation.GetIdentity);
        app.MapDelete("/identities/{id}", Delete).WithApiOperation(ApiOperation.DeleteIdentity);
        app.MapPatch("/identities/{id}", LegacyUpdate).WithApiOperation(ApiOperation.LegacyUpdateIdentity);
        app.MapPost("/identities/{id}/:issueAccessToken", Issue).WithApiOperation(ApiOperation.IssueAccessToken);
        app.MapPost("/identities/{id}/:revokeAccessTokens", Revoke).WithApiOperation(ApiOperation.RevokeAccessTokens);
        app.MapPost("/identities/{id}/token", LegacyIssue).WithApiOperation(ApiOperation.LegacyIssueToken);
        return app;
    }

    public static Results<Created<IdentityAccessTokenResult>, Ok<LegacyIdentityResult>, AcsErrorResult> Create(
        ApiVersionInfo version, RequestBody body, IdentityStore store, AccessTokenIssuer tokens, EmulatorClock clock, ResourceSettings resource)
    {
        if (version.HasAll(ApiOperation.LegacyCreateIdentity))
        {
            var legacy = store.Create(null, clock.GetUtcNow());
            return TypedResults.Ok(new LegacyIdentityResult(IdentityId.Format(resource, legacy.Id)));
        }

        if (!CreateIdentityRequest.TryParse(body, version, out var request, out var error))
        {
            return new AcsErrorResult(error);
        }

        var record = store.Create(request.CustomId, clock.GetUtcNow());
        AccessTokenResult? accessToken = null;
        if (request.Scopes.Length > 0)
        {
            // Null only if the identity was deleted in between by another caller; the creation itself stands.
            if (tokens.IssueForIdentity(record.Id, request.Scopes, request.ExpiresInMinutes) is not { } issued)
            {
                return new AcsErrorResult(AcsErrors.NotFound());
            }

            accessToken = new AccessTokenResult(issued.Token, issued.ExpiresOn);
            record = store.Get(record.Id) ?? record;
        }

        return TypedResults.Created((string?)null, new IdentityAccessTokenResult(ToWire(record, version, resource), accessToken));
    }

    public static Results<Ok<CommunicationIdentity>, AcsErrorResult> Get(string id, ApiVersionInfo version, IdentityStore store, ResourceSettings resource)
    {
        if (!IdentityId.TryParse(id, resource, out var guid, out var error))
        {
            return new AcsErrorResult(error);
        }

        return store.Get(guid) is { IsDeleted: false } record
            ? TypedResults.Ok(ToWire(record, version, resource))
            : new AcsErrorResult(AcsErrors.NotFound());
    }

    public static Results<NoContent, AcsErrorResult> Delete(string id, IdentityStore store, EmulatorClock clock, ResourceSettings resource)
    {
        if (!IdentityId.TryParse(id, resource, out var guid, out var error))
        {
            return new AcsErrorResult(error);
        }

        // Deleting an identity that is already gone succeeds, as Azure DELETEs are idempotent (unverified for ACS).
        store.Delete(guid, clock.GetUtcNow());
        return TypedResults.NoContent();
    }

    public static Results<Ok<AccessTokenResult>, AcsErrorResult> Issue(string id, ApiVersionInfo version, RequestBody body, AccessTokenIssuer tokens, ResourceSettings resource)
    {
        if (!IdentityId.TryParse(id, resource, out var guid, out var error))
        {
            return new AcsErrorResult(error);
        }

        if (!IssueTokenRequest.TryParse(body, version, out var request, out var invalid))
        {
            return new AcsErrorResult(invalid);
        }

        return tokens.IssueForIdentity(guid, request.Scopes, request.ExpiresInMinutes) is { } issued
            ? TypedResults.Ok(new AccessTokenResult(issued.Token, issued.ExpiresOn))
            : new AcsErrorResult(AcsErrors.NotFound());
    }

    public static Results<NoContent, AcsErrorResult> Revoke(string id, IdentityStore store, EmulatorClock clock, ResourceSettings resource)
    {
        if (!IdentityId.TryParse(id, resource, out var guid, out var error))
        {
            return new AcsErrorResult(error);
        }

        return store.Revoke(guid, clock.GetUtcNow()) ? TypedResults.NoContent() : new AcsErrorResult(AcsErrors.NotFound());
    }

    public static Results<Ok<LegacyTokenResult>, AcsErrorResult> LegacyIssue(string id, ApiVersionInfo version, RequestBody body, AccessTokenIssuer tokens, ResourceSettings resource)
    {
        var result = Issue(id, version, body, tokens, resource);
        return result.Result is Ok<AccessTokenResult> { Value: { } token }
            ? TypedResults.Ok(new LegacyTokenResult(id, token.Token, token.ExpiresOn))
            : (AcsErrorResult)result.Result;
    }

    public static Results<NoContent, AcsErrorResult> LegacyUpdate(string id, RequestBody body, IdentityStore store, EmulatorClock clock, ResourceSettings resource)
    {
        if (!IdentityId.TryParse(id, resource, out var guid, out var error))
        {
            return new AcsErrorResult(error);
        }

        var invalid = JsonRequest.Read(body, out var json);
        DateTimeOffset? validFrom = null;
        using (json)
        {
            invalid ??= json.ReadDateTimeOffset("tokensValidFrom", "TokensValidFrom", out validFrom);
        }

        if (invalid is not null || validFrom is null)
        {
            return new AcsErrorResult(invalid ?? AcsErrors.TokensValidFromInvalid());
        }

        return store.Revoke(guid, clock.GetUtcNow(), validFrom) ? TypedResults.NoContent() : new AcsErrorResult(AcsErrors.NotFound());
    }

    private static CommunicationIdentity ToWire(IdentityRecord record, ApiVersionInfo version, ResourceSettings resource)
    {
        var id = IdentityId.Format(resource, record.Id);
        return version.HasAll(ApiFeature.CustomId)
            ? new CommunicationIdentity(id, record.CustomId, record.LastTokenIssuedAt)
            : new CommunicationIdentity(id);
    }
}
