using System.Runtime.InteropServices;

namespace Emulator.Testing;

/// <summary>Finds the Native AOT emulator binary for <see cref="AcsIdentityEmulatorMode.NativeProcess"/>.</summary>
internal static class NativeExecutable
{
    /// <summary>The environment variable that names the binary when the options do not.</summary>
    public const string EnvironmentVariable = "ACS_IDENTITY_EMULATOR_EXECUTABLE";

    /// <summary>The one runtime the package carries a binary for.</summary>
    private const string PackagedRuntime = "linux-x64";

    /// <summary>Where NuGet puts the package's binary in a RID-less test project's output folder.</summary>
    public static string PackagedPath => Path.Combine(AppContext.BaseDirectory, "runtimes", PackagedRuntime, "native", "Emulator");

    /// <summary>The option, else the environment variable, else the packaged binary; executable. Throws naming the three ways.</summary>
    public static string Locate(string? configured)
    {
        if (!string.IsNullOrEmpty(configured))
        {
            return Checked(configured, nameof(AcsIdentityEmulatorOptions.ExecutablePath));
        }

        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment)
        {
            return Checked(fromEnvironment, $"the environment variable {EnvironmentVariable}");
        }

        if (!OperatingSystem.IsLinux() || RuntimeInformation.OSArchitecture != Architecture.X64)
        {
            throw NotFound($"this package carries the binary for {PackagedRuntime} only, and this machine is {RuntimeInformation.RuntimeIdentifier}");
        }

        var packaged = PackagedPath;
        return File.Exists(packaged)
            ? Checked(packaged, "the package")
            : throw NotFound($"{packaged} does not exist (the package was packed without it, or the test project sets a RuntimeIdentifier, which puts native assets elsewhere)");
    }

    private static string Checked(string path, string source)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw NotFound($"{source} names {full}, which does not exist");
        }

        if (!OperatingSystem.IsWindows())
        {
            // NuGet does not keep the executable bit when it extracts a package.
            var mode = File.GetUnixFileMode(full);
            if ((mode & UnixFileMode.UserExecute) == 0)
            {
                File.SetUnixFileMode(full, mode | UnixFileMode.UserExecute);
            }
        }

        return full;
    }

    private static InvalidOperationException NotFound(string why) => new(
        $"The native emulator binary was not found: {why}. Give it in one of three ways: "
        + $"{nameof(AcsIdentityEmulatorOptions)}.{nameof(AcsIdentityEmulatorOptions.ExecutablePath)}; "
        + $"the environment variable {EnvironmentVariable}; or the AcsIdentityEmulator.Testing package packed with it "
        + $"(runtimes/{PackagedRuntime}/native/Emulator, see the package README). "
        + "Build it with `bash scripts/publish-aot.sh` (artifacts/aot/linux-x64/Emulator), or use the in-process mode.");
}
