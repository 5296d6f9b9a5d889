using Emulator.ContractTests.Scenarios;
using Emulator.TestSupport.Targets;
using Xunit;

namespace Emulator.ContractTests;

/// <summary>The contract scenarios against live Azure from <c>COMMUNICATION_SERVICES_CONNECTION_STRING</c>; skipped when it is unset.</summary>
public sealed class LiveAzureContractTests(LiveAzureTarget target)
    : ContractScenarios(target), IClassFixture<LiveAzureTarget>;
