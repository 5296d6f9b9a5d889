using System.Net;
using Emulator.Configuration;
using Emulator.Hosting;
using Microsoft.Extensions.Configuration;

namespace Emulator.Tests;

/// <summary>One reading of <c>Server:ListenAddress</c>: what the validator accepts is what Kestrel, the banner and <c>--health-check</c> understand.</summary>
public sealed class ListenAddressTests
{
    [Theory]
    [InlineData("localhost", nameof(ListenAddressKind.Localhost), true, "127.0.0.1")]
    [InlineData("*", nameof(ListenAddressKind.AllInterfaces), false, "127.0.0.1")]
    [InlineData("+", nameof(ListenAddressKind.AllInterfaces), false, "127.0.0.1")]
    [InlineData("0.0.0.0", nameof(ListenAddressKind.AllInterfaces), false, "127.0.0.1")]
    [InlineData("::", nameof(ListenAddressKind.Address), false, "127.0.0.1")]
    [InlineData("::1", nameof(ListenAddressKind.Address), true, "::1")]
    [InlineData("127.0.0.2", nameof(ListenAddressKind.Address), true, "127.0.0.2")]
    [InlineData("10.1.2.3", nameof(ListenAddressKind.Address), false, "10.1.2.3")]
    public void Accepted_Forms(string text, string kind, bool loopbackOnly, string local)
    {
        Assert.True(ListenAddress.TryParse(text, out var address));
        Assert.Equal(Enum.Parse<ListenAddressKind>(kind), address.Kind);
        Assert.Equal(loopbackOnly, address.IsLoopbackOnly);
        Assert.Equal(IPAddress.Parse(local), address.LocalAddress);
        Assert.Empty(Validate(text));
    }

    [Theory]
    [InlineData("LOCALHOST")]
    [InlineData("example.com")]
    [InlineData("")]
    [InlineData("10.0.0.1:80")]
    public void Refused_Forms_AreRefusedByTheValidatorToo(string text)
    {
        Assert.False(ListenAddress.TryParse(text, out _));
        Assert.Equal([$"Server:ListenAddress '{text}' is invalid: use 'localhost', '*', '0.0.0.0', '::' or an IP address."], Validate(text));
        Assert.Throws<FormatException>(() => ListenAddress.Parse(text));
    }

    [Theory]
    [InlineData("localhost", "loopback only")]
    [InlineData("::1", "loopback only")]
    [InlineData("::", "Other hosts reach the API")]
    [InlineData("0.0.0.0", "Other hosts reach the API")]
    public void Banner_Exposure_FollowsTheParser(string text, string expected)
        => Assert.Contains(expected, Banner.Exposure(text, AdminRemoteAccess.Key), StringComparison.Ordinal);

    private static IReadOnlyList<string> Validate(string listen)
        => SettingsValidator.Validate(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Server:ListenAddress"] = listen }).Build());
}
