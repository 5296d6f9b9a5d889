using Emulator.Configuration;
using Emulator.Identities;
using Emulator.Infrastructure;

namespace Emulator.Tests;

/// <summary>Every raw id form (reference §8.2): how it is formatted, parsed and classified.</summary>
public sealed class IdentityIdTests
{
    private const string Tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    private const string User = "5d2ca0a3-5e2b-4a43-a0f4-7dda8ba0aa12";

    private static readonly ResourceSettings Resource = new(EmulatorFactory.ResourceId, EmulatorFactory.AccessKey, "unitedstates", "amer", "localhost", false);

    [Fact]
    public void ForIdentity_FormatsAndParsesBack()
    {
        var guid = Guid.Parse(User);

        var id = IdentityId.ForIdentity(Resource, guid);

        Assert.Equal($"8:acs:{EmulatorFactory.ResourceId}_{User}", id.Raw);
        Assert.Equal($"acs:{EmulatorFactory.ResourceId}_{User}", id.SkypeId);
        Assert.True(IdentityId.TryParse(id.Raw, Resource, out var parsed, out var error));
        Assert.Equal(guid, parsed);
        Assert.Null(error);
        Assert.Equal(id, IdentityId.FromSkypeId(id.SkypeId, Resource));
    }

    [Theory]
    [InlineData($"8:acs:{EmulatorFactory.ResourceId}_{User}", nameof(IdentityKind.Identity), true)]
    [InlineData($"8:acs:{EmulatorFactory.ResourceId}_{Tenant}_{User}", nameof(IdentityKind.TeamsExtensionUser), false)]
    [InlineData($"8:orgid:{User}", nameof(IdentityKind.TeamsUser), false)]
    [InlineData($"8:acs:{EmulatorFactory.OtherResourceId}_{User}", nameof(IdentityKind.Other), false)]
    [InlineData($"8:gcch-acs:{EmulatorFactory.ResourceId}_{User}", nameof(IdentityKind.Other), false)]
    [InlineData($"8:acs:{EmulatorFactory.ResourceId}_{Tenant}_not-a-guid", nameof(IdentityKind.Other), false)]
    [InlineData("8:", nameof(IdentityKind.Other), false)]
    public void Classify_SaysWhatTheIdNamesAndWhetherItIsStored(string raw, string kind, bool stored)
    {
        var id = IdentityId.Classify(raw, Resource);

        Assert.Equal(Enum.Parse<IdentityKind>(kind), id.Kind);
        Assert.Equal(stored, id.IsStoredIdentity);
        Assert.Equal(raw, id.Raw);
        Assert.Equal(stored ? Guid.Parse(User) : Guid.Empty, id.Identity);
    }

    [Fact]
    public void ExchangeForms_AreTheWireForms()
    {
        var teamsExtension = IdentityId.ForTeamsExtensionUser(Resource, Guid.Parse(Tenant), Guid.Parse(User));
        var teams = IdentityId.ForTeamsUser(User);

        Assert.Equal($"8:acs:{EmulatorFactory.ResourceId}_{Tenant}_{User}", teamsExtension.Raw);
        Assert.Equal(IdentityKind.TeamsExtensionUser, IdentityId.FromSkypeId(teamsExtension.SkypeId, Resource).Kind);
        Assert.Equal($"orgid:{User}", teams.SkypeId);
        Assert.Equal(IdentityKind.TeamsUser, IdentityId.FromSkypeId(teams.SkypeId, Resource).Kind);
    }

    [Theory]
    [InlineData("", AcsErrors.ValidationError)]
    [InlineData($"8:acs:{EmulatorFactory.ResourceId}_{Tenant}_{User}", AcsErrors.ValidationError)]
    [InlineData($"8:orgid:{User}", AcsErrors.ValidationError)]
    [InlineData($"8:acs:{EmulatorFactory.OtherResourceId}_{User}", AcsErrors.IdentityNotOwned)]
    [InlineData($"8:dod-acs:{EmulatorFactory.ResourceId}_{User}", AcsErrors.IdentityNotOwned)]
    public void TryParse_RejectsWhatIsNotAnIdentityOfThisResource(string raw, string code)
    {
        Assert.False(IdentityId.TryParse(raw, Resource, out var id, out var error));
        Assert.Equal(Guid.Empty, id);
        Assert.Equal(code, error.Code);
    }
}
