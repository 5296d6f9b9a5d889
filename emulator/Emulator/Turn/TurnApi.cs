using System.Security.Cryptography;
using Emulator.Configuration;
using Emulator.Identities;
using Emulator.Infrastructure;
using Emulator.Versioning;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Emulator.Turn;

/// <summary>
/// The historical TURN credentials operation of 2021-02-22-preview1 (reference §2.7). The emulator runs no TURN
/// server: the credentials have the live shape and are random, for clients that only need the call to succeed.
/// </summary>
internal static class TurnApi
{
    public static IEndpointRouteBuilder MapTurn(this IEndpointRouteBuilder app)
    {
        // POST /turn/{id}/:issueCredentials   200 {expiresOn, turnServers}
        app.MapPost("/turn/{id}/:issueCredentials", IssueCredentials).WithApiOperation(ApiOperation.IssueTurnCredentials);
        return app;
    }

    public static Results<Ok<TurnCredentialsResult>, AcsErrorResult> IssueCredentials(string id, IdentityStore store, EmulatorClock clock, ResourceSettings resource)
    {
        if (!IdentityId.TryParse(id, resource, out var guid, out var error))
        {
            return new AcsErrorResult(error!);
        }

        if (store.Get(guid) is not { IsDeleted: false })
        {
            return new AcsErrorResult(AcsErrors.NotFound());
        }

        var server = new TurnServer(
            [$"turn:{resource.EndpointHost}:3478"],
            Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)),
            Convert.ToBase64String(RandomNumberGenerator.GetBytes(20)));
        return TypedResults.Ok(new TurnCredentialsResult(clock.GetUtcNow().AddDays(2), [server]));
    }
}
