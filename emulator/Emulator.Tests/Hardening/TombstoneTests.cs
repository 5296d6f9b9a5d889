using System.Net;
using Emulator.Identities;
using Emulator.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Emulator.Tests.Hardening;

/// <summary>
/// Deleted identities answer <c>identityDeleted</c> until none of their tokens can be unexpired on the emulated
/// clock, then are dropped; a cap keeps create/delete churn flat whatever the clock says.
/// </summary>
public sealed class TombstoneTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task Tombstone_AnswersIdentityDeleted_UntilItsLastTokenExpires_ThenIsDropped()
    {
        using var factory = new EmulatorFactory();
        var client = factory.CreateSignedClient();
        var store = factory.Services.GetRequiredService<IdentityStore>();
        var clock = factory.Services.GetRequiredService<EmulatorClock>();
        var id = await client.CreateIdentityAsync();
        using var issue = await client.PostJson($"{Api.Path(id, "/:issueAccessToken")}?api-version={Api.V2023}", "{\"scopes\":[\"chat\"],\"expiresInMinutes\":60}");
        var token = (await issue.JsonAsync()).GetProperty("token").GetString()!;
        using var delete = await client.DeleteAsync($"{Api.Path(id)}?api-version={Api.V2023}");
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        var guid = Guid.Parse(id[^36..]);

        factory.Time.Advance(TimeSpan.FromMinutes(59));
        store.Compact(clock.GetUtcNow());
        var beforeHorizon = await client.ValidateAsync(token);
        Assert.NotNull(store.Get(guid));

        factory.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, store.Compact(clock.GetUtcNow()));
        var afterHorizon = await client.ValidateAsync(token);
        using var admin = await client.GetAsync(new Uri($"/emulator/identities/{Uri.EscapeDataString(id)}", UriKind.Relative));

        Assert.Equal("identityDeleted", beforeHorizon.GetProperty("reason").GetString());
        Assert.Null(store.Get(guid));
        Assert.False(afterHorizon.GetProperty("valid").GetBoolean());
        Assert.Equal("unknownIdentity", afterHorizon.GetProperty("reason").GetString());
        Assert.Equal(HttpStatusCode.NotFound, admin.StatusCode);
    }

    [Fact]
    public void Horizon_IsTheLatestTokenExpiry_OnTheEmulatedClock_EvenWhenTheClockMovesBack()
    {
        var store = new IdentityStore();
        var record = store.Create(null, T0);
        store.RecordIssue(record.Id, T0, T0.AddHours(24));
        store.RecordIssue(record.Id, T0.AddHours(1), T0.AddHours(2));
        store.Delete(record.Id, T0.AddHours(3));

        Assert.Equal(T0.AddHours(24), store.Get(record.Id)!.TombstoneHorizon);
        Assert.Equal(0, store.Compact(T0.AddHours(24).AddTicks(-1)));
        Assert.Equal(0, store.Compact(T0.AddDays(-10)));
        Assert.True(store.Get(record.Id)!.IsDeleted);
        Assert.Equal(1, store.Compact(T0.AddHours(24)));
    }

    [Fact]
    public void TombstoneWithoutTokens_IsDroppedByTheNextCompaction_AndLiveIdentitiesNever()
    {
        var store = new IdentityStore();
        var deleted = store.Create(null, T0);
        var live = store.Create(null, T0);
        store.RecordIssue(live.Id, T0, T0.AddHours(1));
        store.Delete(deleted.Id, T0);

        Assert.Equal(1, store.Compact(T0));
        Assert.Null(store.Get(deleted.Id));
        Assert.Equal(0, store.Compact(T0.AddYears(5)));
        Assert.False(store.Get(live.Id)!.IsDeleted);
    }

    [Fact]
    public void Compaction_RunsByItselfAmongDeletes()
    {
        var store = new IdentityStore();
        var early = store.Create(null, T0);
        store.RecordIssue(early.Id, T0, T0.AddHours(1));
        store.Delete(early.Id, T0);

        var later = T0.AddHours(2);
        for (var i = 0; i < 1_000; i++)
        {
            store.Delete(store.Create(null, later).Id, later);
        }

        Assert.Null(store.Get(early.Id));
    }

    [Fact]
    public void CreateDeleteSoak_WithUnexpiredTokens_StaysUnderTheCap()
    {
        const int Cap = 1_000;
        var store = new IdentityStore(Cap);
        var peak = 0;
        Guid last = default;
        for (var i = 0; i < 50_000; i++)
        {
            // Every tombstone is needed for 24 h; the clock never gets there.
            var now = T0.AddMilliseconds(i);
            last = store.Create(null, now).Id;
            store.RecordIssue(last, now);
            store.Delete(last, now);
            peak = Math.Max(peak, store.Count);
        }

        Assert.InRange(peak, Cap, Cap + (Cap / 4) + 1);
        Assert.InRange(store.TombstoneCount, 1, Cap + (Cap / 4) + 1);
        Assert.True(store.Get(last)!.IsDeleted, "The newest tombstone (latest horizon) was dropped before older ones.");
    }

    [Fact]
    public void CreateDeleteSoak_WithoutTokens_StaysFlat()
    {
        var store = new IdentityStore();
        var peak = 0;
        for (var i = 0; i < 100_000; i++)
        {
            store.Delete(store.Create($"soak-{i}", T0).Id, T0);
            peak = Math.Max(peak, store.Count);
        }

        Assert.InRange(peak, 1, 300);
    }
}
