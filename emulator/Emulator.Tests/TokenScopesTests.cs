using Emulator.Identities;
using Emulator.Versioning;

namespace Emulator.Tests;

/// <summary>Which scope set each api-version accepts, as the version table's features say (reference §3).</summary>
public sealed class TokenScopesTests
{
    [Theory]
    [InlineData("2020-07-20-preview2", "PSTN", true, "pstn")]
    [InlineData("2021-03-07", "pstn", false, null)]
    [InlineData("2020-07-20-preview2", "chat.join", false, null)]
    [InlineData("2022-10-01", "chat.join", false, null)]
    [InlineData("2023-08-01", "Chat.Join.Limited", true, "chat.join.limited")]
    [InlineData("2026-09-23", "VOIP", true, "voip")]
    public void TryCanonicalize_AcceptsTheScopesOfTheVersion(string version, string scope, bool accepted, string? canonical)
    {
        var ok = TokenScopes.TryCanonicalize([scope], ApiVersions.Find(version)!, "scopes", out var names, out var error);

        Assert.Equal(accepted, ok);
        if (accepted)
        {
            Assert.Null(error);
            Assert.Equal([canonical!], names);
        }
        else
        {
            Assert.Equal($"Invalid scopes - Scope '{scope}' is not supported.", error!.Message);
            Assert.Equal("scopes", error.Target);
        }
    }
}
