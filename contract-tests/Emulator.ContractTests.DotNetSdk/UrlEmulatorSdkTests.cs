using Emulator.TestSupport.Targets;
using Xunit;

namespace Emulator.ContractTests.DotNetSdk;

/// <summary>The SDK scenarios against an emulator at <c>EMULATOR_URL</c>; skipped when it is unset.</summary>
public sealed class UrlEmulatorSdkTests(UrlEmulatorTarget target) : SdkScenarios(target), IClassFixture<UrlEmulatorTarget>;
