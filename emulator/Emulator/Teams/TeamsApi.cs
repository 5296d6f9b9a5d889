using System.Diagnostics.CodeAnalysis;
using Emulator.Authentication;
using Emulator.Configuration;
using Emulator.Identities;
using Emulator.Infrastructure;
using Emulator.Versioning;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Emulator.Teams;

/// <summary>Token exchanges for Teams users, Teams-extension and Entra users, and Teams-extension assignments (reference §2.6, §2.8, §9).</summary>
internal static class TeamsApi
{
    private static readonly TimeSpan TeamsDayLifetime = TimeSpan.FromHours(24);

    public static IEndpointRouteBuilder MapTeams(this IEndpointRouteBuilder app)
    {
        // POST   /teamsUser/:exchangeAccessToken                                   Teams user token → ACS token (200)
        // POST   /access/teamsExtension/:exchangeAccessToken                       caller's Entra token → identity + token (200)
        // POST   /access/entra/:exchangeAccessToken                                same, for Entra users (2025-03-02-preview)
        // GET    /access/teamsExtension/tenants/{tenantId}/assignments/{objectId}  read (200)
        // PUT    /access/teamsExtension/tenants/{tenantId}/assignments/{objectId}  create 201 / replace 200
        // DELETE /access/teamsExtension/tenants/{tenantId}/assignments/{objectId}  delete (204)
        app.MapPost("/teamsUser/:exchangeAccessToken", ExchangeTeamsUserToken).WithApiOperation(ApiOperation.ExchangeTeamsUserToken);
        app.MapPost("/access/teamsExtension/:exchangeAccessToken", ExchangeCallerToken).WithApiOperation(ApiOperation.ExchangeTeamsExtensionToken);
        app.MapPost("/access/entra/:exchangeAccessToken", ExchangeCallerToken).WithApiOperation(ApiOperation.ExchangeEntraToken);
        const string assignment = "/access/teamsExtension/tenants/{tenantId}/assignments/{objectId}";
        app.MapGet(assignment, GetAssignment).WithApiOperation(ApiOperation.TeamsExtensionAssignments);
        app.MapPut(assignment, PutAssignment).WithApiOperation(ApiOperation.TeamsExtensionAssignments);
        app.MapDelete(assignment, DeleteAssignment).WithApiOperation(ApiOperation.TeamsExtensionAssignments);
        return app;
    }

    /// <summary>Checks in the order of reference §9: required fields, token, GUID formats, then claims.</summary>
    public static async Task<Results<Ok<AccessTokenResult>, AcsErrorResult>> ExchangeTeamsUserToken(
        ApiVersionInfo version, RequestBody body, EntraTokenValidator validator, AccessTokenIssuer tokens, CancellationToken cancellationToken)
    {
        var error = JsonRequest.Read(body, out var json);
        string? token = null, appId = null, userId = null;
        using (json)
        {
            error ??= json.ReadString("token", "Token", out token);
            if (version.HasAll(ApiFeature.TeamsAppAndUser))
            {
                error ??= json.ReadString("appId", "AppId", out appId);
                error ??= json.ReadString("userId", "UserId", out userId);
            }
        }

        if (error is not null)
        {
            return new AcsErrorResult(error);
        }

        var checkIds = version.HasAll(ApiFeature.TeamsAppAndUser);
        if (checkIds && string.IsNullOrEmpty(appId))
        {
            return new AcsErrorResult(AcsErrors.Required("AppId"));
        }

        if (checkIds && string.IsNullOrEmpty(userId))
        {
            return new AcsErrorResult(AcsErrors.Required("UserId"));
        }

        var entra = await validator.ValidateTeamsUserAsync(token ?? string.Empty, cancellationToken);
        if (!entra.IsValid || entra.ObjectId is null)
        {
            return new AcsErrorResult(version.HasAll(ApiFeature.TeamsEmptyUnauthorizedBody) ? AcsErrors.TeamsTokenInvalidEmptyBody() : AcsErrors.TeamsTokenInvalid());
        }

        if (checkIds)
        {
            if (!Guid.TryParse(appId, out var app))
            {
                return new AcsErrorResult(AcsErrors.AppIdFormat());
            }

            if (!Guid.TryParse(userId, out var user))
            {
                return new AcsErrorResult(AcsErrors.UserIdFormat());
            }

            if (!Guid.TryParse(entra.AppId, out var tokenApp) || tokenApp != app)
            {
                return new AcsErrorResult(AcsErrors.AppIdMismatch());
            }

            if (!Guid.TryParse(entra.ObjectId, out var tokenUser) || tokenUser != user)
            {
                return new AcsErrorResult(AcsErrors.UserIdMismatch());
            }
        }

        // The exchanged token expires with the Teams user's token (reference §2.6), or lasts a day in early versions.
        var teamsUser = IdentityId.ForTeamsUser(entra.ObjectId);
        var issued = version.HasAll(ApiFeature.TeamsTokenLastsADay) ? tokens.IssueExchanged(teamsUser, TeamsDayLifetime) : tokens.IssueExchanged(teamsUser, entra.ExpiresOn);
        return TypedResults.Ok(new AccessTokenResult(issued.Token, issued.ExpiresOn));
    }

    /// <summary>The caller's own Entra token (bearer) becomes an ACS identity <c>8:acs:&lt;resource&gt;_&lt;tenant&gt;_&lt;user&gt;</c> and a token.</summary>
    public static Results<Ok<IdentityAccessTokenResult>, AcsErrorResult> ExchangeCallerToken(
        HttpContext context, RequestBody body, AccessTokenIssuer tokens, ResourceSettings resource)
    {
        var error = JsonRequest.Read(body, out var json);
        json.Dispose();
        if (error is not null)
        {
            return new AcsErrorResult(error);
        }

        var entra = context.Features.Get<EntraToken>();
        if (entra is null || !Guid.TryParse(entra.TenantId, out var tenant) || !Guid.TryParse(entra.ObjectId, out var user))
        {
            return new AcsErrorResult(AcsErrors.BearerInvalid());
        }

        var identity = IdentityId.ForTeamsExtensionUser(resource, tenant, user);
        var issued = tokens.IssueExchanged(identity, entra.ExpiresOn);
        return TypedResults.Ok(new IdentityAccessTokenResult(new CommunicationIdentity(identity.Raw), new AccessTokenResult(issued.Token, issued.ExpiresOn)));
    }

    public static Results<Ok<TeamsExtensionAssignment>, AcsErrorResult> GetAssignment(string tenantId, string objectId, AssignmentStore store)
    {
        if (!TryParseKey(tenantId, objectId, out var tenant, out var obj, out var error))
        {
            return new AcsErrorResult(error);
        }

        return store.Get(tenant, obj) is { } found ? TypedResults.Ok(found) : new AcsErrorResult(AcsErrors.AssignmentMissing());
    }

    public static Results<Created<TeamsExtensionAssignment>, Ok<TeamsExtensionAssignment>, AcsErrorResult> PutAssignment(
        string tenantId, string objectId, RequestBody body, AssignmentStore store)
    {
        if (!TryParseKey(tenantId, objectId, out var tenant, out var obj, out var keyError))
        {
            return new AcsErrorResult(keyError);
        }

        var error = JsonRequest.Read(body, out var json);
        string? principalType = null;
        string[]? clientIds = null;
        using (json)
        {
            error ??= json.ReadString("principalType", "PrincipalType", out principalType);
            error ??= json.ReadStringArray("clientIds", "ClientIds", out clientIds);
        }

        if (error is not null)
        {
            return new AcsErrorResult(error);
        }

        if (principalType is null)
        {
            return new AcsErrorResult(AcsErrors.Required("PrincipalType"));
        }

        var canonicalType = principalType.Equals("user", StringComparison.OrdinalIgnoreCase) ? "user"
            : principalType.Equals("resourceAccount", StringComparison.OrdinalIgnoreCase) ? "resourceAccount"
            : null;
        if (canonicalType is null)
        {
            return new AcsErrorResult(AcsErrors.PrincipalTypeInvalid());
        }

        if (clientIds is not null && Array.Exists(clientIds, c => !Guid.TryParse(c, out _)))
        {
            return new AcsErrorResult(AcsErrors.GuidFormat("clientIds"));
        }

        var assignment = new TeamsExtensionAssignment(obj.ToString("D"), tenant.ToString("D"), canonicalType, clientIds);
        return store.Put(tenant, obj, assignment) ? TypedResults.Created((string?)null, assignment) : TypedResults.Ok(assignment);
    }

    public static Results<NoContent, AcsErrorResult> DeleteAssignment(string tenantId, string objectId, AssignmentStore store)
    {
        if (!TryParseKey(tenantId, objectId, out var tenant, out var obj, out var error))
        {
            return new AcsErrorResult(error);
        }

        store.Remove(tenant, obj);
        return TypedResults.NoContent();
    }

    private static bool TryParseKey(string tenantId, string objectId, out Guid tenant, out Guid obj, [NotNullWhen(false)] out AcsError? error)
    {
        obj = Guid.Empty;
        error = !Guid.TryParse(tenantId, out tenant) ? AcsErrors.GuidFormat("tenantId")
            : !Guid.TryParse(objectId, out obj) ? AcsErrors.GuidFormat("objectId")
            : null;
        return error is null;
    }
}
