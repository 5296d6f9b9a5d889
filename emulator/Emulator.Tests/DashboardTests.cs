using System.Net;

namespace Emulator.Tests;

/// <summary>The dashboard's files come from the assembly; its config view hides the key; its revoke and delete act on the store.</summary>
public sealed class DashboardTests
{
    [Fact]
    public async Task Page_AndItsFiles_AreServedFromTheAssembly_WithAStrictPolicy()
    {
        using var factory = new EmulatorFactory();
        var client = factory.CreateClient();

        using var page = await client.GetAsync("/emulator/ui");
        using var script = await client.GetAsync("/emulator/ui/app.js");
        using var missing = await client.GetAsync("/emulator/ui/nothing.js");
        using var again = new HttpRequestMessage(HttpMethod.Get, "/emulator/ui/app.css");
        again.Headers.TryAddWithoutValidation("If-None-Match", (await client.GetAsync("/emulator/ui/app.css")).Headers.ETag!.Tag);
        using var notModified = await client.SendAsync(again);

        Assert.Equal("text/html; charset=utf-8", page.Content.Headers.ContentType?.ToString());
        Assert.Contains("<script src=\"/emulator/ui/app.js\" defer></script>", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("default-src 'self'; img-src 'self' data:; frame-ancestors 'none'", page.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("text/javascript; charset=utf-8", script.Content.Headers.ContentType?.ToString());
        Assert.Contains("/tokens/validate", await script.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }

    [Fact]
    public async Task Config_ShowsResourceAndPolicies_NeverTheKey()
    {
        using var factory = new EmulatorFactory();
        var text = await factory.CreateClient().GetStringAsync("/emulator/ui/config");

        Assert.Contains($"\"resourceId\":\"{EmulatorFactory.ResourceId}\"", text, StringComparison.Ordinal);
        Assert.Contains("\"unknownApiVersions\":\"Reject\"", text, StringComparison.Ordinal);
        Assert.Contains("\"journalCapacity\":1000", text, StringComparison.Ordinal);
        Assert.Contains("\"accessKey\":\"configured\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain(EmulatorFactory.AccessKey, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RevokeAndDelete_ActOnTheIdentity_AndSayWhenItIsGone()
    {
        using var factory = new EmulatorFactory();
        var client = factory.CreateSignedClient();
        var id = await client.CreateIdentityAsync();
        var token = await client.IssueTokenAsync(id);

        using var revoked = await client.PostAsync($"/emulator/identities/{Uri.EscapeDataString(id)}/revoke", null);
        var afterRevoke = await client.ValidateAsync(token);
        using var deleted = await client.DeleteAsync($"/emulator/identities/{Uri.EscapeDataString(id)}");
        using var again = await client.DeleteAsync($"/emulator/identities/{Uri.EscapeDataString(id)}");
        using var unknown = await client.PostAsync($"/emulator/identities/{Uri.EscapeDataString(EmulatorFactory.IdentityId(Guid.NewGuid()))}/revoke", null);

        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, (await revoked.JsonAsync()).GetProperty("tokensRevokedAt").ValueKind);
        Assert.Equal("revoked", afterRevoke.GetProperty("reason").GetString());
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.True((await deleted.JsonAsync()).GetProperty("deleted").GetBoolean());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("identityDeleted", (await client.ValidateAsync(token)).GetProperty("reason").GetString());
    }
}
