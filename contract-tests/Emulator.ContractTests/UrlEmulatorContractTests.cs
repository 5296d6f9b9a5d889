using Emulator.ContractTests.Scenarios;
using Emulator.TestSupport.Targets;
using Xunit;

namespace Emulator.ContractTests;

/// <summary>The contract scenarios against a running emulator (process or container) at <c>EMULATOR_URL</c>; skipped when it is unset.</summary>
public sealed class UrlEmulatorContractTests(UrlEmulatorTarget target)
    : ContractScenarios(target), IClassFixture<UrlEmulatorTarget>;
