using Emulator.ContractTests.Scenarios;
using Emulator.TestSupport.Targets;
using Xunit;

namespace Emulator.ContractTests;

/// <summary>The contract scenarios against the emulator started in this process by the fixture library. Always runs.</summary>
public sealed class InProcessEmulatorContractTests(InProcessEmulatorTarget target)
    : ContractScenarios(target), IClassFixture<InProcessEmulatorTarget>;
