using System.Collections.Concurrent;
using System.Net;
using Emulator.Identities;

namespace Emulator.Tests.Hardening;

/// <summary>"Same customId, same identity" holds however many creates race (2025-03-02-preview).</summary>
public sealed class CustomIdRaceTests : IClassFixture<EmulatorFactory>
{
    private const int Racers = 8;
    private readonly EmulatorFactory _factory;

    public CustomIdRaceTests(EmulatorFactory factory) => _factory = factory;

    [Fact]
    public void ConcurrentCreates_WithOneCustomId_ReturnOneIdentity_InTheStore()
    {
        var store = new IdentityStore();
        var now = TimeProvider.System.GetUtcNow();
        var split = 0;
        for (var round = 0; round < 2_000; round++)
        {
            var customId = $"race-{round}";
            var ids = new Guid[Racers];
            using var start = new Barrier(Racers);
            Parallel.For(0, Racers, new ParallelOptions { MaxDegreeOfParallelism = Racers }, i =>
            {
                start.SignalAndWait();
                ids[i] = store.Create(customId, now).Id;
            });

            var live = store.List().Count(r => r.CustomId == customId && !r.IsDeleted);
            split += ids.Distinct().Count() != 1 || live != 1 ? 1 : 0;
        }

        Assert.Equal(0, split);
        Assert.Equal(2_000, store.Count);
    }

    [Fact]
    public void CreatesRacingDeletes_NeverLeaveTwoLiveIdentities_ForOneCustomId()
    {
        var store = new IdentityStore();
        var now = TimeProvider.System.GetUtcNow();
        for (var round = 0; round < 500; round++)
        {
            var customId = $"churn-{round}";
            using var start = new Barrier(Racers);
            Parallel.For(0, Racers, new ParallelOptions { MaxDegreeOfParallelism = Racers }, i =>
            {
                start.SignalAndWait();
                var record = store.Create(customId, now);
                if (i % 4 == 0)
                {
                    store.Delete(record.Id, now);
                }
            });

            Assert.True(store.List().Count(r => r.CustomId == customId && !r.IsDeleted) <= 1, $"round {round}: two live identities share a customId.");
            var again = store.Create(customId, now);
            Assert.Equal(again.Id, store.Create(customId, now).Id);
        }
    }

    [Fact]
    public async Task ConcurrentHttpCreates_WithOneCustomId_ReturnOneIdentity()
    {
        var client = _factory.CreateSignedClient();
        var split = new ConcurrentBag<string>();
        for (var round = 0; round < 300; round++)
        {
            var body = $"{{\"customId\":\"http-race-{round}-{Guid.NewGuid():N}\"}}";
            var responses = await Task.WhenAll(Enumerable.Range(0, Racers).Select(_ => Task.Run(async () =>
            {
                using var response = await client.PostJson("/identities?api-version=2025-03-02-preview", body);
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                return (await response.JsonAsync()).GetProperty("identity").GetProperty("id").GetString()!;
            })));

            if (responses.Distinct(StringComparer.Ordinal).Count() != 1)
            {
                split.Add(body);
            }
        }

        Assert.Empty(split);
    }
}
