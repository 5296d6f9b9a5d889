// Compiled only with -p:UseAzureSdk=true (needs Azure.Communication.Identity from the public NuGet feed).
using Azure.Communication;
using Azure.Communication.Identity;
using Emulator.Testing;
using Xunit;

namespace XunitFixtureSample;

/// <summary>The same fixture with the real .NET SDK: pass the fixture's connection string to the client.</summary>
public sealed class WithTheAzureSdkTests(AcsIdentityEmulatorFixture fixture) : IClassFixture<AcsIdentityEmulatorFixture>
{
    [Fact]
    public async Task CreateUserAndToken_WithTheSdk_IsAcceptedByTheEmulator()
    {
        var client = new CommunicationIdentityClient(fixture.ConnectionString);

        var result = await client.CreateUserAndTokenAsync([CommunicationTokenScope.Chat], TimeSpan.FromHours(1), TestContext.Current.CancellationToken);

        Assert.True(fixture.Emulator.ValidateToken(result.Value.AccessToken.Token).Valid);
        using var credential = new CommunicationTokenCredential(result.Value.AccessToken.Token);
        Assert.Equal(result.Value.AccessToken.ExpiresOn.ToUnixTimeSeconds(), (await credential.GetTokenAsync(TestContext.Current.CancellationToken)).ExpiresOn.ToUnixTimeSeconds());
    }
}
