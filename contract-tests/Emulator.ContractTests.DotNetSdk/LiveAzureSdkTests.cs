using Emulator.TestSupport.Targets;
using Xunit;

namespace Emulator.ContractTests.DotNetSdk;

/// <summary>The SDK scenarios against live Azure from <c>COMMUNICATION_SERVICES_CONNECTION_STRING</c>; skipped when it is unset.</summary>
public sealed class LiveAzureSdkTests(LiveAzureTarget target) : SdkScenarios(target), IClassFixture<LiveAzureTarget>;
