using Azure;
using Azure.Communication;
using Azure.Communication.Identity;
using Azure.Core.Pipeline;
using Emulator.TestSupport.Wire;
using Emulator.TestSupport.Targets;
using Xunit;
using static Azure.Communication.Identity.CommunicationIdentityClientOptions;

namespace Emulator.ContractTests.DotNetSdk;

/// <summary>
/// The contract scenarios through the real .NET SDK (Azure.Communication.Identity 1.3.1, reference §14), once per
/// target. Users created here are deleted after each test.
/// </summary>
public abstract class SdkScenarios : IAsyncLifetime
{
    private readonly List<CommunicationUserIdentifier> _created = [];

    protected SdkScenarios(ContractTarget target)
    {
        Target = target;
        if (target.SkipReason is { } reason)
        {
            Assert.Skip(reason);
        }
    }

    public static TheoryData<string> Scopes => ["chat", "voip", "chat.join", "chat.join.limited", "voip.join"];

    protected ContractTarget Target { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        foreach (var user in _created)
        {
            try
            {
                await Client().DeleteUserAsync(user, CancellationToken.None);
            }
            catch (RequestFailedException)
            {
            }
        }

        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task CreateUser_ReturnsAnIdentityOfTheResource()
    {
        var user = Track((await Client().CreateUserAsync(Ct)).Value);

        AcsAssert.IdentityId(user.Id, Target.ResourceId);
        Assert.Equal(user.Id, user.RawId);
    }

    [Theory]
    [MemberData(nameof(Scopes))]
    public async Task CreateUserAndToken_WithEachScope_TokenCarriesThatScope(string scope)
    {
        var result = (await Client().CreateUserAndTokenAsync([new CommunicationTokenScope(scope)], Ct)).Value;
        Track(result.User);

        var jwt = Jwt.Decode(result.AccessToken.Token);
        Assert.Equal(scope, jwt.Claim("acsScope")?.GetString());
        Assert.Equal(result.User.Id["8:".Length..], jwt.Claim("skypeid")?.GetString());
        Assert.Equal(jwt.Exp, result.AccessToken.ExpiresOn.ToUnixTimeSeconds());
        Assert.Equal(86400, jwt.Exp - jwt.Iat);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(24)]
    public async Task CreateUserAndToken_WithExpiry_TokenLivesThatLong(int hours)
    {
        var result = (await Client().CreateUserAndTokenAsync([CommunicationTokenScope.Chat, CommunicationTokenScope.VoIP], TimeSpan.FromHours(hours), Ct)).Value;
        Track(result.User);

        var jwt = Jwt.Decode(result.AccessToken.Token);
        Assert.Equal(hours * 3600, jwt.Exp - jwt.Iat);
        Assert.Equal("chat,voip", jwt.Claim("acsScope")?.GetString());
    }

    [Theory]
    [InlineData(59)]
    [InlineData(1441)]
    public async Task GetToken_WithExpiryOutOfRange_ThrowsBeforeSending(int minutes)
    {
        var user = Track((await Client().CreateUserAsync(Ct)).Value);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Client().GetTokenAsync(user, [CommunicationTokenScope.Chat], TimeSpan.FromMinutes(minutes), Ct));
    }

    [Theory]
    [InlineData(ServiceVersion.V2021_03_07)]
    [InlineData(ServiceVersion.V2022_06_01)]
    [InlineData(ServiceVersion.V2022_10_01)]
    [InlineData(ServiceVersion.V2023_10_01)]
    public async Task Lifecycle_AtEachServiceVersion_Succeeds(ServiceVersion version)
    {
        var client = Client(options: new CommunicationIdentityClientOptions(version));

        var user = Track((await client.CreateUserAsync(Ct)).Value);
        var token = (await client.GetTokenAsync(user, [CommunicationTokenScope.VoIP], Ct)).Value;
        await client.RevokeTokensAsync(user, Ct);
        await client.DeleteUserAsync(user, Ct);

        Assert.Equal("voip", Jwt.Decode(token.Token).Claim("acsScope")?.GetString());
    }

    [Fact]
    public async Task RevokeTokens_OldTokenIsRejectedAndNewOneAccepted()
    {
        var client = Client();
        var user = Track((await client.CreateUserAsync(Ct)).Value);
        var before = (await client.GetTokenAsync(user, [CommunicationTokenScope.Chat], Ct)).Value.Token;

        await client.RevokeTokensAsync(user, Ct);
        var after = (await client.GetTokenAsync(user, [CommunicationTokenScope.Chat], Ct)).Value.Token;

        var admin = RequireEmulator("whether a token is still accepted is asked of POST /emulator/tokens/validate");
        Assert.False((await admin.ValidateAsync(before, Ct)).GetProperty("valid").GetBoolean());
        Assert.True((await admin.ValidateAsync(after, Ct)).GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task GetToken_AfterDeleteUser_FailsWithIdentityNotFound()
    {
        var client = Client();
        var user = Track((await client.CreateUserAsync(Ct)).Value);
        await client.DeleteUserAsync(user, Ct);

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => client.GetTokenAsync(user, [CommunicationTokenScope.Chat], Ct));

        Assert.Equal(404, error.Status);
        Assert.Equal("IdentityNotFound", error.ErrorCode);
    }

    [Fact]
    public async Task GetToken_ForIdentityOfAnotherResource_FailsWithIdentityNotOwned()
    {
        var foreign = new CommunicationUserIdentifier("8:acs:00000000-0000-0000-0000-000000000000_00000000-0000-0000-0000-000000000000");

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => Client().GetTokenAsync(foreign, [CommunicationTokenScope.Chat], Ct));

        Assert.Equal(401, error.Status);
        Assert.Equal("IdentityNotOwned", error.ErrorCode);
    }

    [Fact]
    public async Task CreateUser_OverHttps_Succeeds()
    {
        if (Target.HttpsEndpoint is null)
        {
            Assert.Skip($"{Target.Name} has no https endpoint.");
        }

        var user = Track((await Client(https: true).CreateUserAsync(Ct)).Value);

        AcsAssert.IdentityId(user.Id, Target.ResourceId);
    }

    [Fact]
    public async Task GetTokenForTeamsUser_WithValidToken_ReturnsAToken()
    {
        var (token, appId, userId) = TeamsUser();

        var result = (await Client().GetTokenForTeamsUserAsync(new GetTokenForTeamsUserOptions(token, appId, userId), Ct)).Value;

        Assert.Equal(Jwt.Decode(result.Token).Exp, result.ExpiresOn.ToUnixTimeSeconds());
    }

    [Fact]
    public async Task GetTokenForTeamsUser_WithInvalidToken_FailsWithInvalidAccessToken()
    {
        var error = await Assert.ThrowsAsync<RequestFailedException>(() =>
            Client().GetTokenForTeamsUserAsync(new GetTokenForTeamsUserOptions("invalid", Guid.NewGuid().ToString(), Guid.NewGuid().ToString()), Ct));

        Assert.Equal(401, error.Status);
        Assert.Equal("InvalidAccessToken", error.ErrorCode);
    }

    [Fact]
    public async Task GetTokenForTeamsUser_WithAnotherAppId_FailsWithValidationError()
    {
        var (token, _, userId) = TeamsUser();

        var error = await Assert.ThrowsAsync<RequestFailedException>(() =>
            Client().GetTokenForTeamsUserAsync(new GetTokenForTeamsUserOptions(token, Guid.NewGuid().ToString(), userId), Ct));

        Assert.Equal(400, error.Status);
        Assert.Equal("ValidationError", error.ErrorCode);
        Assert.Contains("AAD application is not the expected one.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CommunicationTokenCredential_ReportsTheTokensExpiry()
    {
        var result = (await Client().CreateUserAndTokenAsync([CommunicationTokenScope.Chat], TimeSpan.FromHours(1), Ct)).Value;
        Track(result.User);

        using var credential = new CommunicationTokenCredential(result.AccessToken.Token);
        var token = await credential.GetTokenAsync(Ct);

        Assert.Equal(result.AccessToken.Token, token.Token);
        Assert.Equal(result.AccessToken.ExpiresOn.ToUnixTimeSeconds(), token.ExpiresOn.ToUnixTimeSeconds());
    }

    [Fact]
    public async Task CommunicationTokenCredential_WithExpiredToken_CallsTheRefresher()
    {
        var admin = RequireEmulator("an already expired token is issued with the emulated clock set back (/emulator/clock)");
        var client = Client();
        var user = Track((await client.CreateUserAsync(Ct)).Value);
        string expired;
        try
        {
            await admin.SetClockOffsetAsync(TimeSpan.FromMinutes(-70), Ct);
            expired = (await client.GetTokenAsync(user, [CommunicationTokenScope.Chat], TimeSpan.FromHours(1), Ct)).Value.Token;
        }
        finally
        {
            await admin.ResetClockAsync(CancellationToken.None);
        }

        var refreshed = 0;
        using var credential = new CommunicationTokenCredential(new CommunicationTokenRefreshOptions(false, cancellationToken =>
        {
            Interlocked.Increment(ref refreshed);
            return client.GetToken(user, [CommunicationTokenScope.Chat], cancellationToken).Value.Token;
        })
        { InitialToken = expired });

        var token = await credential.GetTokenAsync(Ct);

        Assert.Equal(1, refreshed);
        Assert.NotEqual(expired, token.Token);
        Assert.True(token.ExpiresOn > DateTimeOffset.UtcNow.AddMinutes(50));
    }

    private CommunicationIdentityClient Client(bool https = false, CommunicationIdentityClientOptions? options = null)
    {
        options ??= new CommunicationIdentityClientOptions();
        if (Target.IsEmulator)
        {
            // Trust the emulator's self-signed certificate for https; plain http works with a connection string.
            options.Transport = new HttpClientTransport(Target.CreateTrustingHandler());
        }

        return new CommunicationIdentityClient(Target.GetConnectionString(https), options);
    }

    private CommunicationUserIdentifier Track(CommunicationUserIdentifier user)
    {
        _created.Add(user);
        return user;
    }

    private EmulatorAdminClient RequireEmulator(string what)
    {
        if (Target.Admin is null)
        {
            Assert.Skip($"Emulator-only check, skipped against {Target.Name}: {what}");
        }

        return Target.Admin;
    }

    /// <summary>A Teams user's token: made up for an emulator, from ACS_TEAMS_USER_AAD_TOKEN / ACS_TEAMS_APP_ID / ACS_TEAMS_USER_OBJECT_ID for live Azure.</summary>
    private (string Token, string AppId, string UserId) TeamsUser()
    {
        if (Target.IsEmulator)
        {
            var (app, user) = (Guid.NewGuid(), Guid.NewGuid());
            return (MadeUpEntraToken.Create(MadeUpEntraToken.TeamsAudience, app, user, Guid.NewGuid(), DateTimeOffset.UtcNow.AddMinutes(50)), app.ToString(), user.ToString());
        }

        var token = Environment.GetEnvironmentVariable("ACS_TEAMS_USER_AAD_TOKEN");
        var appId = Environment.GetEnvironmentVariable("ACS_TEAMS_APP_ID");
        var userId = Environment.GetEnvironmentVariable("ACS_TEAMS_USER_OBJECT_ID");
        if (string.IsNullOrWhiteSpace(token) || string.IsNullOrWhiteSpace(appId) || string.IsNullOrWhiteSpace(userId))
        {
            Assert.Skip("ACS_TEAMS_USER_AAD_TOKEN, ACS_TEAMS_APP_ID and ACS_TEAMS_USER_OBJECT_ID are not all set: this live scenario needs a real Teams user's Entra token.");
        }

        return (token, appId, userId);
    }
}
