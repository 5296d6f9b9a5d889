using System.Net;
using Emulator.Identities;
using Microsoft.Extensions.DependencyInjection;

namespace Emulator.Tests;

/// <summary>Revocation and deletion are honoured exactly, on the fake clock and under concurrency.</summary>
public sealed class RevocationTests : IClassFixture<EmulatorFactory>
{
    private readonly EmulatorFactory _factory;
    private readonly HttpClient _client;

    public RevocationTests(EmulatorFactory factory)
    {
        _factory = factory;
        _client = factory.CreateSignedClient();
    }

    [Fact]
    public async Task IssueRevokeIssue_WithinTheSameTick_OldRejectedNewAccepted()
    {
        // The fake clock does not move: issue, revoke and issue all happen at the same instant.
        var id = await _client.CreateIdentityAsync();
        var before = await _client.IssueTokenAsync(id);

        using var revoke = await _client.PostJson($"{Api.Path(id, "/:revokeAccessTokens")}?api-version=2023-10-01", null);
        var after = await _client.IssueTokenAsync(id);

        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.Equal(Api.DecodePayload(before).GetProperty("iat").GetInt64(), Api.DecodePayload(after).GetProperty("iat").GetInt64());
        var rejected = await _client.ValidateAsync(before);
        Assert.False(rejected.GetProperty("valid").GetBoolean());
        Assert.Equal("revoked", rejected.GetProperty("reason").GetString());
        Assert.True((await _client.ValidateAsync(after)).GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task Token_ExpiresOnTheEmulatedClock()
    {
        var id = await _client.CreateIdentityAsync();
        using var response = await _client.PostJson($"{Api.Path(id, "/:issueAccessToken")}?api-version=2023-10-01", "{\"scopes\":[\"chat\"],\"expiresInMinutes\":60}");
        var token = (await response.JsonAsync()).GetProperty("token").GetString()!;
        var clock = _factory.Services.GetRequiredService<Emulator.Infrastructure.EmulatorClock>();

        clock.Advance(TimeSpan.FromMinutes(59));
        var stillValid = await _client.ValidateAsync(token);
        clock.Advance(TimeSpan.FromMinutes(1));
        var expired = await _client.ValidateAsync(token);
        clock.SetOffset(TimeSpan.Zero);

        Assert.True(stillValid.GetProperty("valid").GetBoolean());
        Assert.Equal("expired", expired.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task ConcurrentIssueAndRevoke_EveryTokenIssuedAfterTheLastRevokeIsValid_AndEveryEarlierOneIsNot()
    {
        var store = _factory.Services.GetRequiredService<IdentityStore>();
        var id = await _client.CreateIdentityAsync();
        var issued = new System.Collections.Concurrent.ConcurrentBag<string>();

        var issuers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 25; i++)
            {
                issued.Add(await _client.IssueTokenAsync(id));
            }
        }));
        var revoker = Task.Run(async () =>
        {
            for (var i = 0; i < 10; i++)
            {
                using var r = await _client.PostJson($"{Api.Path(id, "/:revokeAccessTokens")}?api-version=2023-10-01", null);
                Assert.Equal(HttpStatusCode.NoContent, r.StatusCode);
            }
        });
        await Task.WhenAll([.. issuers, revoker]);

        var validFrom = store.Get(Guid.Parse(id[^36..]))!.ValidFromSequence;
        foreach (var token in issued)
        {
            var sequence = long.Parse(Api.DecodePayload(token).GetProperty("jti").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            var verdict = await _client.ValidateAsync(token);
            Assert.Equal(sequence > validFrom, verdict.GetProperty("valid").GetBoolean());
        }

        Assert.Equal(100, issued.Count);
        Assert.Equal(100, store.Get(Guid.Parse(id[^36..]))!.TokensIssued);
    }

    [Fact]
    public async Task ConcurrentDeleteAndIssue_NoTokenOutlivesTheDelete()
    {
        var id = await _client.CreateIdentityAsync();
        // One token before the race, so the check below always has a token issued before the delete.
        var tokens = new System.Collections.Concurrent.ConcurrentBag<string> { await _client.IssueTokenAsync(id) };
        var deleteStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var issuers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            // Each issuer keeps issuing until it sees the delete: every one of them issues while the delete runs.
            for (var i = 0; i < 10_000; i++)
            {
                using var r = await _client.PostJson($"{Api.Path(id, "/:issueAccessToken")}?api-version=2023-10-01", "{\"scopes\":[\"chat\"]}");
                if (r.StatusCode == HttpStatusCode.NotFound)
                {
                    await Api.AssertErrorAsync(r, ExpectedError.IdentityNotFound);
                    return true;
                }

                Assert.Equal(HttpStatusCode.OK, r.StatusCode);
                tokens.Add((await r.JsonAsync()).GetProperty("token").GetString()!);
                deleteStarted.TrySetResult();
            }

            return false;
        })).ToArray();
        await deleteStarted.Task;
        using var delete = await _client.DeleteAsync($"{Api.Path(id)}?api-version=2023-10-01");
        var sawTheDelete = await Task.WhenAll(issuers);

        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.DoesNotContain(false, sawTheDelete);
        foreach (var token in tokens)
        {
            Assert.Equal("identityDeleted", (await _client.ValidateAsync(token)).GetProperty("reason").GetString());
        }
    }

    [Fact]
    public void Store_RevokeOrdersIssuesExactly_WithoutHttp()
    {
        var store = new IdentityStore();
        var now = DateTimeOffset.UnixEpoch;
        var record = store.Create(null, now);

        var first = store.RecordIssue(record.Id, now)!.Value.Sequence;
        Assert.True(store.Revoke(record.Id, now));
        var second = store.RecordIssue(record.Id, now)!.Value.Sequence;
        var validFrom = store.Get(record.Id)!.ValidFromSequence;

        Assert.True(first <= validFrom);
        Assert.True(second > validFrom);
    }
}
