using Emulator.Benchmarks.Load;
using Emulator.Benchmarks.Reporting;

namespace Emulator.Benchmarks.Suites;

/// <summary>One start: milliseconds from process start to ready and to the first created identity with a token, and the CPU used.</summary>
public sealed record StartSample(double ReadyMs, double FirstTokenMs, double CpuMs);

/// <summary>
/// What mode <c>aot</c> measured of one build. RSS (bytes): <paramref name="IdleBytes"/> once ready,
/// <paramref name="IdentitiesBytes"/> after the identities created without a token, <paramref name="LoadedBytes"/>
/// after the further ones created with a token; the seconds each populate took over HTTP.
/// </summary>
public sealed record AotBuildResult(
    string Name,
    long FileBytes,
    StartSample[] WithDataDirectory,
    StartSample[] WithoutDataDirectory,
    StartSample[] WithHttps,
    long IdleBytes,
    long IdentitiesBytes,
    long LoadedBytes,
    double PopulateSeconds,
    double TokenPopulateSeconds,
    LoadResult[] Load);

/// <summary>Image sizes in bytes, when the images were built on this machine (.ci/container.sh).</summary>
public sealed record ImageSizes(long? Jit, long? Aot);

/// <summary>The whole JIT-vs-AOT run.</summary>
public sealed record AotReport(
    string Mode,
    DateTimeOffset StartedAt,
    double TotalSeconds,
    MachineInfo Machine,
    string LoadAverageAtEnd,
    RsaResult Rsa,
    int Identities,
    int TokenIdentities,
    AotBuildResult[] Builds,
    FixtureStartReport[] Fixture,
    ImageSizes Images);
