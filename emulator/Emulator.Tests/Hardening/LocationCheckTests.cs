using Emulator.Configuration;
using Emulator.Hosting;
using Microsoft.Extensions.Configuration;

namespace Emulator.Tests.Hardening;

/// <summary><c>Resource:Location</c> must be a known ACS data location unless <c>Resource:AllowCustomLocation</c> says otherwise.</summary>
public sealed class LocationCheckTests
{
    private static IReadOnlyList<string> Validate(Dictionary<string, string?> settings)
        => SettingsValidator.Validate(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());

    [Fact]
    public void UnknownLocation_IsRefused_NamingTheKnownOnesAndTheEscape()
    {
        var error = Assert.Single(Validate(new() { ["Resource:Location"] = "mars" }));

        Assert.StartsWith("Resource:Location 'mars' is not a known ACS data location: use one of unitedstates, canada,", error, StringComparison.Ordinal);
        Assert.Contains("Resource:AllowCustomLocation=true", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("europe")]
    [InlineData("UnitedStates")]
    [InlineData("uae")]
    public void KnownLocation_InAnyCase_IsAccepted(string location)
        => Assert.Empty(Validate(new() { ["Resource:Location"] = location }));

    [Fact]
    public void CustomLocation_IsAccepted_WithTheEscape()
        => Assert.Empty(Validate(new() { ["Resource:Location"] = "mars", ["Resource:AllowCustomLocation"] = "true" }));

    [Fact]
    public void AllowCustomLocation_MustBeABoolean()
        => Assert.Contains("Resource:AllowCustomLocation 'maybe' is invalid: use true or false.", Validate(new() { ["Resource:AllowCustomLocation"] = "maybe" }));

    [Fact]
    public void UnknownLocation_OnTheCommandLine_FailsTheStart_WithTheOtherErrors()
    {
        var ex = Assert.Throws<EmulatorConfigurationException>(() => EmulatorApp.Create(["--location", "mars", "--resource-id", "not-a-guid", "--data-dir", "none"]));

        Assert.Equal(2, ex.Errors.Count);
        Assert.Contains(ex.Errors, e => e.StartsWith("Resource:Location 'mars'", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.StartsWith("Resource:Id 'not-a-guid'", StringComparison.Ordinal));
    }
}
