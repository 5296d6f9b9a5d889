using System.Net;
using System.Text.Json;
using Emulator.TestSupport.Wire;
using Emulator.TestSupport.Targets;
using Xunit;

namespace Emulator.ContractTests.Scenarios;

/// <summary>
/// The contract scenarios, written once at the wire level and run against every target by a thin subclass
/// (<c>InProcessEmulatorContractTests</c>, <c>UrlEmulatorContractTests</c>, <c>LiveAzureContractTests</c>).
/// Identities created here are deleted after each test, so a live resource is left as it was found.
/// </summary>
public abstract partial class ContractScenarios : IAsyncLifetime
{
    private readonly List<string> _created = [];

    protected ContractScenarios(ContractTarget target)
    {
        Target = target;
        if (target.SkipReason is { } reason)
        {
            Assert.Skip(reason);
        }
    }

    protected ContractTarget Target { get; }

    /// <summary>A client signing with the target's key over http (or the live endpoint as configured).</summary>
    protected AcsWireClient Acs => Target.Client();

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        foreach (var id in _created)
        {
            // Best effort: a failed clean-up must not hide the test's own result.
            try
            {
                await Acs.SendAsync(HttpMethod.Delete, AcsWireClient.IdentityPath(id), ApiVersion.V2023_10_01, contentType: null, cancellationToken: CancellationToken.None);
            }
            catch (HttpRequestException)
            {
            }
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Skips the rest of a test on a target that is not an emulator (the check needs the emulator's own endpoints).</summary>
    protected EmulatorAdminClient RequireEmulator(string what)
    {
        if (Target.Admin is null)
        {
            Assert.Skip($"Emulator-only check, skipped against {Target.Name}: {what}");
        }

        return Target.Admin;
    }

    /// <summary>Remembers an identity for deletion after the test.</summary>
    protected string Track(string id)
    {
        _created.Add(id);
        return id;
    }

    /// <summary>Creates an identity (body <c>{}</c>, as .NET sends it) and returns its id.</summary>
    protected async Task<string> CreateIdentityAsync(string version = ApiVersion.V2023_10_01)
    {
        var response = await Acs.SendAsync(HttpMethod.Post, "/identities", version, "{}", cancellationToken: Ct);
        var body = AcsAssert.Json(response, HttpStatusCode.Created);
        var id = Track(body.GetProperty("identity").GetProperty("id").GetString()!);
        Target.ResourceId ??= AcsAssert.IdentityId(id, null);
        return id;
    }

    /// <summary>The resource id; learnt from a new identity on live Azure.</summary>
    protected async Task<string> ResourceIdAsync()
    {
        if (Target.ResourceId is null)
        {
            await CreateIdentityAsync();
        }

        return Target.ResourceId!;
    }

    protected Task<AcsResponse> IssueAsync(string id, string[] scopes, int? expiresInMinutes = null, string version = ApiVersion.V2023_10_01)
    {
        var body = expiresInMinutes is null
            ? JsonSerializer.Serialize(new { scopes })
            : JsonSerializer.Serialize(new { scopes, expiresInMinutes });
        return Acs.SendAsync(HttpMethod.Post, AcsWireClient.IdentityPath(id, "/:issueAccessToken"), version, body, cancellationToken: Ct);
    }

    /// <summary>Issues a token and returns it, failing the test on anything but 200.</summary>
    protected async Task<string> IssueTokenAsync(string id, params string[] scopes)
    {
        var response = await IssueAsync(id, scopes.Length == 0 ? ["chat"] : scopes);
        return AcsAssert.Json(response, HttpStatusCode.OK).GetProperty("token").GetString()!;
    }

    protected Task<AcsResponse> RevokeAsync(string id, string version = ApiVersion.V2023_10_01) =>
        Acs.SendAsync(HttpMethod.Post, AcsWireClient.IdentityPath(id, "/:revokeAccessTokens"), version, contentType: null, cancellationToken: Ct);

    protected Task<AcsResponse> DeleteAsync(string id, string version = ApiVersion.V2023_10_01) =>
        Acs.SendAsync(HttpMethod.Delete, AcsWireClient.IdentityPath(id), version, contentType: null, cancellationToken: Ct);

    /// <summary>Asks the emulator whether it accepts <paramref name="token"/>; returns (valid, reason).</summary>
    protected static async Task<(bool Valid, string? Reason)> ValidateAsync(EmulatorAdminClient admin, string token)
    {
        var result = await admin.ValidateAsync(token, Ct);
        var valid = result.GetProperty("valid").GetBoolean();
        return (valid, result.TryGetProperty("reason", out var reason) && reason.ValueKind == JsonValueKind.String ? reason.GetString() : null);
    }
}
