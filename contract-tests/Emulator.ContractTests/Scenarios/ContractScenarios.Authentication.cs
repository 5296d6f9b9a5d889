using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Emulator.TestSupport.Wire;
using Xunit;

namespace Emulator.ContractTests.Scenarios;

/// <summary>Access-key (HMAC) and bearer authentication, http and https (reference §4.4, §6).</summary>
public abstract partial class ContractScenarios
{
    /// <summary>Live leg only: an Entra token for the resource (<c>az account get-access-token --resource https://communication.azure.com</c>).</summary>
    public const string BearerTokenVariable = "ACS_ENTRA_BEARER_TOKEN";

    [Fact]
    [Trait("covers", "CreateIdentity@2023-10-01#wrong-key")]
    public async Task Request_SignedWithAnotherKey_IsDenied()
    {
        var otherKey = Convert.ToBase64String(Guid.NewGuid().ToByteArray());

        var response = await Target.Client(accessKey: otherKey).SendAsync(HttpMethod.Post, "/identities", ApiVersion.V2023_10_01, "{}", cancellationToken: Ct);

        AcsAssert.Error(response, ExpectedError.SignatureInvalid);
    }

    [Fact]
    [Trait("covers", "CreateIdentity@2023-10-01")]
    public async Task Request_WhoseBodyDiffersFromTheSignedHash_IsDeniedForContentHash()
    {
        var client = Target.UnsignedClient();
        var uri = new Uri(client.BaseAddress, $"/identities?api-version={ApiVersion.V2023_10_01}");
        var signed = HmacSigner.Sign(Target.AccessKey, HttpMethod.Post, uri, Encoding.UTF8.GetBytes("{}"), DateTimeOffset.UtcNow);

        var response = await client.SendAsync(HttpMethod.Post, "/identities", ApiVersion.V2023_10_01, """{"createTokenWithScopes":["chat"]}""", customize: signed.ApplyTo, cancellationToken: Ct);

        AcsAssert.Error(response, ExpectedError.ContentHashMismatch);
    }

    [Fact]
    [Trait("covers", "CreateIdentity@2023-10-01")]
    public async Task Request_WhoseQueryDiffersFromTheSignedOne_IsDenied()
    {
        var client = Target.UnsignedClient();
        var signedUri = new Uri(client.BaseAddress, $"/identities?api-version={ApiVersion.V2022_10_01}");
        var signed = HmacSigner.Sign(Target.AccessKey, HttpMethod.Post, signedUri, Encoding.UTF8.GetBytes("{}"), DateTimeOffset.UtcNow);

        var response = await client.SendAsync(HttpMethod.Post, "/identities", ApiVersion.V2023_10_01, "{}", customize: signed.ApplyTo, cancellationToken: Ct);

        AcsAssert.Error(response, ExpectedError.SignatureInvalid);
    }

    [Fact]
    [Trait("covers", "CreateIdentity@2023-10-01")]
    public async Task Request_WhoseDateHeaderDiffersFromTheSignedOne_IsDenied()
    {
        var client = Target.UnsignedClient();
        var uri = new Uri(client.BaseAddress, $"/identities?api-version={ApiVersion.V2023_10_01}");
        var now = DateTimeOffset.UtcNow;
        var signed = HmacSigner.Sign(Target.AccessKey, HttpMethod.Post, uri, Encoding.UTF8.GetBytes("{}"), now) with { Date = HmacSigner.FormatDate(now.AddSeconds(-1)) };

        var response = await client.SendAsync(HttpMethod.Post, "/identities", ApiVersion.V2023_10_01, "{}", customize: signed.ApplyTo, cancellationToken: Ct);

        AcsAssert.Error(response, ExpectedError.SignatureInvalid);
    }

    [Fact]
    [Trait("covers", "CreateIdentity@2023-10-01")]
    public async Task Request_SignedTenMinutesAgo_IsDenied()
    {
        var client = Target.UnsignedClient();
        var uri = new Uri(client.BaseAddress, $"/identities?api-version={ApiVersion.V2023_10_01}");
        var signed = HmacSigner.Sign(Target.AccessKey, HttpMethod.Post, uri, Encoding.UTF8.GetBytes("{}"), DateTimeOffset.UtcNow.AddMinutes(-10));

        var response = await client.SendAsync(HttpMethod.Post, "/identities", ApiVersion.V2023_10_01, "{}", customize: signed.ApplyTo, cancellationToken: Ct);

        // The message is only known from other ACS APIs (reference §4.4): status and code are the contract here.
        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal("Denied", response.Json.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    [Trait("covers", "CreateIdentity@2023-10-01")]
    public async Task Request_WithoutAuthorization_IsUnauthorized()
    {
        var response = await Target.UnsignedClient().SendAsync(HttpMethod.Post, "/identities", ApiVersion.V2023_10_01, "{}", cancellationToken: Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal(AcsAssert.ErrorContentType, response.ContentType);
        Assert.Equal("Denied", response.Json.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    [Trait("covers", "CreateIdentity@2023-10-01")]
    public async Task Request_SignedOverTheDateHeader_AsOlderSdksSignIt_IsAccepted()
    {
        var client = Target.Client(dateHeader: HmacSigner.LegacyDateHeader);

        var response = await client.SendAsync(HttpMethod.Post, "/identities", ApiVersion.V2023_10_01, "{}", cancellationToken: Ct);

        Track(AcsAssert.Json(response, HttpStatusCode.Created).GetProperty("identity").GetProperty("id").GetString()!);
    }

    [Fact]
    [Trait("covers", "CreateIdentity@2023-10-01")]
    public async Task CreateIdentity_OverHttps_Returns201()
    {
        if (Target.HttpsEndpoint is null)
        {
            Assert.Skip($"{Target.Name} has no https endpoint.");
        }

        var response = await Target.Client(https: true).SendAsync(HttpMethod.Post, "/identities", ApiVersion.V2023_10_01, "{}", cancellationToken: Ct);

        AcsAssert.IdentityId(Track(AcsAssert.Json(response, HttpStatusCode.Created).GetProperty("identity").GetProperty("id").GetString()!), Target.ResourceId);
    }

    [Fact]
    [Trait("covers", "CreateIdentity@2023-10-01")]
    public async Task CreateIdentity_WithBearerTokenOverHttps_Returns201()
    {
        var token = BearerToken();

        var response = await Target.UnsignedClient(https: true).SendAsync(HttpMethod.Post, "/identities", ApiVersion.V2023_10_01, """{"createTokenWithScopes":["chat"]}""",
            customize: request => request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token), cancellationToken: Ct);

        var body = AcsAssert.Json(response, HttpStatusCode.Created);
        var id = Track(body.GetProperty("identity").GetProperty("id").GetString()!);
        AcsAssert.AccessToken(body.GetProperty("accessToken"), id, ["chat"], DefaultLifetime, AcsAssert.IdentityId(id, Target.ResourceId));
    }

    [Fact]
    [Trait("covers", "CreateIdentity@2023-10-01")]
    public async Task Request_WithMalformedBearerToken_IsInvalidAccessToken()
    {
        var client = Target.HttpsEndpoint is null ? Target.UnsignedClient() : Target.UnsignedClient(https: true);

        var response = await client.SendAsync(HttpMethod.Post, "/identities", ApiVersion.V2023_10_01, "{}",
            customize: request => request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-jwt"), cancellationToken: Ct);

        AcsAssert.Error(response, ExpectedError.TeamsTokenInvalid);
    }

    /// <summary>A bearer token the target accepts: made up for an emulator without Entra authority, from the environment for live Azure.</summary>
    private string BearerToken()
    {
        if (Target.HttpsEndpoint is null)
        {
            Assert.Skip($"{Target.Name} has no https endpoint; bearer tokens need https.");
        }

        if (Target.IsEmulator)
        {
            return MadeUpEntraToken.Create(MadeUpEntraToken.AcsAudience, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), DateTimeOffset.UtcNow.AddHours(1));
        }

        var token = Environment.GetEnvironmentVariable(BearerTokenVariable);
        if (string.IsNullOrWhiteSpace(token))
        {
            Assert.Skip($"{BearerTokenVariable} is not set: the live bearer-token scenario needs an Entra access token for the resource.");
        }

        return token;
    }
}
