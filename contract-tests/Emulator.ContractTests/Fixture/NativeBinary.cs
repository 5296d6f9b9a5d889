using Emulator.Testing;
using Xunit;

namespace Emulator.ContractTests.Fixture;

/// <summary>The Native AOT emulator of <c>ACS_IDENTITY_EMULATOR_EXECUTABLE</c> (scripts/test.sh publishes it and sets the variable).</summary>
internal static class NativeBinary
{
    public const string Variable = "ACS_IDENTITY_EMULATOR_EXECUTABLE";

    /// <summary>The binary's path; skips the test, naming the variable, when it is not set.</summary>
    public static string Path()
    {
        var path = Environment.GetEnvironmentVariable(Variable);
        Assert.SkipWhen(string.IsNullOrEmpty(path), $"{Variable} is not set: the native-mode fixture tests need the Native AOT binary (bash scripts/publish-aot.sh; scripts/test.sh sets it).");
        return path!;
    }

    /// <summary>Native-mode options with the binary given by the environment variable (the fixture's own lookup).</summary>
    public static AcsIdentityEmulatorOptions Options()
    {
        Path();
        return new AcsIdentityEmulatorOptions { Mode = AcsIdentityEmulatorMode.NativeProcess };
    }
}
