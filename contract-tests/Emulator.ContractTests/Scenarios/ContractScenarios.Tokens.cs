using System.Net;
using Emulator.TestSupport.Wire;
using Xunit;

namespace Emulator.ContractTests.Scenarios;

/// <summary>Tokens: create-with-token, issue, scopes, lifetimes and their errors (reference §2.1, §2.4, §4.1, §8.1).</summary>
public abstract partial class ContractScenarios
{
    private static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(24);

    [Theory]
    [InlineData("chat")]
    [InlineData("voip")]
    [InlineData("chat.join")]
    [InlineData("chat.join.limited")]
    [InlineData("voip.join")]
    [Trait("covers", "CreateIdentity@2023-10-01")]
    public async Task CreateUserAndToken_WithEachScope_Returns201WithTokenForThatScope(string scope)
    {
        var response = await Acs.SendAsync(HttpMethod.Post, "/identities", ApiVersion.V2023_10_01, $$"""{"createTokenWithScopes":["{{scope}}"]}""", cancellationToken: Ct);

        var body = AcsAssert.Json(response, HttpStatusCode.Created);
        Assert.Equal(["identity", "accessToken"], body.EnumerateObject().Select(p => p.Name));
        var id = Track(body.GetProperty("identity").GetProperty("id").GetString()!);
        var resourceId = AcsAssert.IdentityId(id, Target.ResourceId);
        AcsAssert.AccessToken(body.GetProperty("accessToken"), id, [scope], DefaultLifetime, resourceId);
    }

    [Fact]
    [Trait("covers", "CreateIdentity@2023-10-01")]
    public async Task CreateUserAndToken_WithSeveralScopes_JoinsThemInAcsScope()
    {
        var response = await Acs.SendAsync(HttpMethod.Post, "/identities", ApiVersion.V2023_10_01, """{"createTokenWithScopes":["chat","voip"]}""", cancellationToken: Ct);

        var body = AcsAssert.Json(response, HttpStatusCode.Created);
        var id = Track(body.GetProperty("identity").GetProperty("id").GetString()!);
        AcsAssert.AccessToken(body.GetProperty("accessToken"), id, ["chat", "voip"], DefaultLifetime, AcsAssert.IdentityId(id, Target.ResourceId));
    }

    [Theory]
    [InlineData(60)]
    [InlineData(1440)]
    [Trait("covers", "CreateIdentity@2023-10-01")]
    public async Task CreateUserAndToken_WithValidExpiresInMinutes_TokenLivesThatLong(int minutes)
    {
        var before = DateTimeOffset.UtcNow;
        var response = await Acs.SendAsync(HttpMethod.Post, "/identities", ApiVersion.V2023_10_01, $$"""{"createTokenWithScopes":["chat","voip"],"expiresInMinutes":{{minutes}}}""", cancellationToken: Ct);

        var body = AcsAssert.Json(response, HttpStatusCode.Created);
        var id = Track(body.GetProperty("identity").GetProperty("id").GetString()!);
        var jwt = AcsAssert.AccessToken(body.GetProperty("accessToken"), id, ["chat", "voip"], TimeSpan.FromMinutes(minutes), AcsAssert.IdentityId(id, Target.ResourceId));
        await AssertNearNowAsync(DateTimeOffset.FromUnixTimeSeconds(jwt.Iat), before);
    }

    [Theory]
    [InlineData(59)]
    [InlineData(1441)]
    [InlineData(0)]
    [InlineData(-5)]
    [Trait("covers", "CreateIdentity@2022-10-01#expiresInMinutes-out-of-range")]
    public async Task CreateUserAndToken_WithExpiresInMinutesOutOfRange_IsValidationErrorWithInterval(int minutes)
    {
        var response = await Acs.SendAsync(HttpMethod.Post, "/identities", ApiVersion.V2022_10_01, $$"""{"createTokenWithScopes":["chat"],"expiresInMinutes":{{minutes}}}""", cancellationToken: Ct);

        AcsAssert.Error(response, ExpectedError.ExpiresInMinutesOnCreate(minutes));
    }

    [Theory]
    [InlineData("chat")]
    [InlineData("voip")]
    [InlineData("chat.join")]
    [InlineData("chat.join.limited")]
    [InlineData("voip.join")]
    [Trait("covers", "IssueAccessToken@2023-10-01")]
    public async Task IssueToken_WithEachScope_Returns200WithTokenForThatScope(string scope)
    {
        var id = await CreateIdentityAsync();

        var response = await IssueAsync(id, [scope]);

        var body = AcsAssert.Json(response, HttpStatusCode.OK);
        AcsAssert.AccessToken(body, id, [scope], DefaultLifetime, await ResourceIdAsync());
        AcsAssert.ServiceHeaders(response);
        AcsAssert.SupportedVersions(response, ApiVersion.V2021_03_07, ApiVersion.V2022_06_01, ApiVersion.V2022_10_01, ApiVersion.V2023_10_01);
    }

    [Fact]
    [Trait("covers", "IssueAccessToken@2023-10-01")]
    public async Task IssueToken_WithSeveralScopes_KeepsTheirOrder()
    {
        var id = await CreateIdentityAsync();

        var body = AcsAssert.Json(await IssueAsync(id, ["voip", "chat.join.limited"]), HttpStatusCode.OK);

        AcsAssert.AccessToken(body, id, ["voip", "chat.join.limited"], DefaultLifetime, await ResourceIdAsync());
    }

    [Theory]
    [InlineData(60)]
    [InlineData(1440)]
    [Trait("covers", "IssueAccessToken@2023-10-01")]
    public async Task IssueToken_WithValidExpiresInMinutes_TokenLivesThatLong(int minutes)
    {
        var id = await CreateIdentityAsync();

        var body = AcsAssert.Json(await IssueAsync(id, ["chat"], minutes), HttpStatusCode.OK);

        AcsAssert.AccessToken(body, id, ["chat"], TimeSpan.FromMinutes(minutes), await ResourceIdAsync());
    }

    [Theory]
    [InlineData(59)]
    [InlineData(1441)]
    [Trait("covers", "IssueAccessToken@2022-10-01#expiresInMinutes-out-of-range")]
    public async Task IssueToken_WithExpiresInMinutesOutOfRange_IsValidationError(int minutes)
    {
        var id = await CreateIdentityAsync();

        AcsAssert.Error(await IssueAsync(id, ["chat"], minutes, ApiVersion.V2022_10_01), ExpectedError.ExpiresInMinutesOnIssue(minutes));
    }

    [Fact]
    [Trait("covers", "IssueAccessToken@2022-10-01")]
    public async Task IssueToken_WithExpiresInMinutesNull_AsPythonSendsIt_LastsTheDefaultDay()
    {
        var id = await CreateIdentityAsync();

        var response = await Acs.SendAsync(HttpMethod.Post, AcsWireClient.IdentityPath(id, "/:issueAccessToken"), ApiVersion.V2022_10_01, """{"scopes":["chat"],"expiresInMinutes":null}""", cancellationToken: Ct);

        AcsAssert.AccessToken(AcsAssert.Json(response, HttpStatusCode.OK), id, ["chat"], DefaultLifetime, await ResourceIdAsync());
    }

    [Fact]
    [Trait("covers", "IssueAccessToken@2023-10-01#scopes-empty")]
    public async Task IssueToken_WithEmptyScopes_IsValidationErrorOnScopes()
    {
        var id = await CreateIdentityAsync();

        AcsAssert.Error(await IssueAsync(id, []), ExpectedError.ScopesEmpty);
    }

    [Theory]
    [InlineData(ApiVersion.V2021_03_07)]
    [InlineData(ApiVersion.V2022_06_01)]
    public async Task IssueToken_WithEmptyScopes_AtEarlierVersions_IsTheSameValidationError(string version)
    {
        var id = await CreateIdentityAsync();

        AcsAssert.Error(await IssueAsync(id, [], version: version), ExpectedError.ScopesEmpty);
    }

    [Theory]
    [InlineData("""{"scopes":null,"expiresInMinutes":null}""")]
    [InlineData("{}")]
    [InlineData(null)]
    [Trait("covers", "IssueAccessToken@2022-10-01")]
    public async Task IssueToken_WithNullScopes_IsModelBindingError(string? body)
    {
        var id = await CreateIdentityAsync();

        var response = await Acs.SendAsync(HttpMethod.Post, AcsWireClient.IdentityPath(id, "/:issueAccessToken"), ApiVersion.V2022_10_01, body, cancellationToken: Ct);

        AcsAssert.Error(response, ExpectedError.ScopesNull);
    }

    [Theory]
    [InlineData(ApiVersion.V2021_03_07)]
    [InlineData(ApiVersion.V2022_06_01)]
    [InlineData(ApiVersion.V2022_10_01)]
    [InlineData(ApiVersion.V2023_10_01)]
    [InlineData(ApiVersion.V2025_03_02_Preview)]
    [Trait("covers", "CreateIdentity@{version},IssueAccessToken@{version},RevokeAccessTokens@{version},DeleteIdentity@{version}")]
    public async Task Lifecycle_CreateWithTokenIssueRevokeDelete_AnswersEachStatus(string version)
    {
        var created = await Acs.SendAsync(HttpMethod.Post, "/identities", version, """{"createTokenWithScopes":["chat"]}""", cancellationToken: Ct);
        var body = AcsAssert.Json(created, HttpStatusCode.Created);
        var id = Track(body.GetProperty("identity").GetProperty("id").GetString()!);
        AcsAssert.AccessToken(body.GetProperty("accessToken"), id, ["chat"], DefaultLifetime, AcsAssert.IdentityId(id, Target.ResourceId));

        var issued = await IssueAsync(id, ["voip"], version: version);
        AcsAssert.AccessToken(AcsAssert.Json(issued, HttpStatusCode.OK), id, ["voip"], DefaultLifetime, await ResourceIdAsync());
        AcsAssert.SupportedVersions(issued, version);

        var revoked = await RevokeAsync(id, version);
        AcsAssert.NoContent(revoked);
        AcsAssert.SupportedVersions(revoked, version);

        AcsAssert.NoContent(await DeleteAsync(id, version));
    }

    [Fact]
    [Trait("covers", "RevokeAccessTokens@2023-10-01,IssueAccessToken@2023-10-01")]
    public async Task IssueToken_AfterRevoke_OldTokenIsRejectedAndNewOneAccepted()
    {
        var id = await CreateIdentityAsync();
        var before = await IssueTokenAsync(id, "chat");
        AcsAssert.NoContent(await RevokeAsync(id));

        var after = await IssueTokenAsync(id, "chat");

        var admin = RequireEmulator("whether a token is still accepted is asked of POST /emulator/tokens/validate");
        Assert.Equal((false, "revoked"), await ValidateAsync(admin, before));
        Assert.Equal((true, (string?)null), await ValidateAsync(admin, after));
    }

    [Fact]
    [Trait("covers", "DeleteIdentity@2023-10-01")]
    public async Task Token_AfterDelete_IsRejectedAsIdentityDeleted()
    {
        var id = await CreateIdentityAsync();
        var token = await IssueTokenAsync(id, "voip");
        AcsAssert.NoContent(await DeleteAsync(id));

        var admin = RequireEmulator("whether a token is still accepted is asked of POST /emulator/tokens/validate");
        Assert.Equal((false, "identityDeleted"), await ValidateAsync(admin, token));
    }

    [Fact]
    [Trait("covers", "IssueAccessToken@2023-10-01")]
    public async Task Token_WhenFresh_IsValidForItsIdentityAndScopes()
    {
        var id = await CreateIdentityAsync();
        var token = await IssueTokenAsync(id, "chat", "voip");

        var admin = RequireEmulator("token validation is the emulator's own endpoint");
        var result = await admin.ValidateAsync(token, Ct);
        Assert.True(result.GetProperty("valid").GetBoolean(), result.ToString());
        Assert.Equal(id, result.GetProperty("identity").GetString());
        Assert.Equal(["chat", "voip"], result.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    [Trait("covers", "IssueAccessToken@2023-10-01")]
    public async Task Token_AfterItsLifetimeOnTheEmulatedClock_IsExpired()
    {
        var admin = RequireEmulator("the emulated clock is moved through /emulator/clock");
        var id = await CreateIdentityAsync();
        var token = AcsAssert.Json(await IssueAsync(id, ["chat"], 60), HttpStatusCode.OK).GetProperty("token").GetString()!;
        try
        {
            await admin.SetClockOffsetAsync(TimeSpan.FromMinutes(61), Ct);

            Assert.Equal((false, "expired"), await ValidateAsync(admin, token));
        }
        finally
        {
            await admin.ResetClockAsync(CancellationToken.None);
        }
    }

    [Fact]
    [Trait("covers", "IssueAccessToken@2023-10-01")]
    public async Task Token_Signature_VerifiesWithTheEmulatorJwks()
    {
        var admin = RequireEmulator("the signing keys are published at /emulator/jwks");
        var id = await CreateIdentityAsync();
        var token = await IssueTokenAsync(id, "chat");

        var keys = new Microsoft.IdentityModel.Tokens.JsonWebKeySet(await admin.JwksAsync(Ct)).GetSigningKeys();
        var result = await new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().ValidateTokenAsync(token, new Microsoft.IdentityModel.Tokens.TokenValidationParameters
        {
            IssuerSigningKeys = keys,
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = false,
        });

        Assert.True(result.IsValid, result.Exception?.Message);
        var jwt = Jwt.Decode(token);
        var kid = jwt.HeaderString("kid")!;
        Assert.Contains(keys, k => k.KeyId == kid);
        // x5t is the base64url of the same SHA-1 thumbprint that kid spells in hex.
        Assert.Equal(Convert.FromHexString(kid), Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(jwt.HeaderString("x5t")));
    }

    /// <summary>A time the service stamped is within the target's tolerance of the moment the request was sent.</summary>
    private async Task AssertNearNowAsync(DateTimeOffset stamped, DateTimeOffset sentAt)
    {
        var now = Target.Admin is { } admin ? await admin.NowAsync(Ct) : DateTimeOffset.UtcNow;
        Assert.InRange(stamped, sentAt.AddMinutes(-5), now.AddMinutes(5));
    }
}
