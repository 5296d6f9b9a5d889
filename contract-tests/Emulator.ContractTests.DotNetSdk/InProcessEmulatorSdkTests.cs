using Emulator.TestSupport.Targets;
using Xunit;

namespace Emulator.ContractTests.DotNetSdk;

/// <summary>The SDK scenarios against the in-process emulator. Always runs.</summary>
public sealed class InProcessEmulatorSdkTests(InProcessEmulatorTarget target) : SdkScenarios(target), IClassFixture<InProcessEmulatorTarget>;
