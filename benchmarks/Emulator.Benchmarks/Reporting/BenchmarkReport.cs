using Emulator.Benchmarks.Load;
using Emulator.Benchmarks.Suites;

namespace Emulator.Benchmarks.Reporting;

/// <summary>Everything one run measured; serialised as JSON and rendered as Markdown.</summary>
public sealed record BenchmarkReport(
    string Mode,
    DateTimeOffset StartedAt,
    double TotalSeconds,
    MachineInfo Machine,
    string LoadAverageAtEnd,
    RsaResult Rsa,
    StartupResult Startup,
    IReadOnlyList<LoadResult> Http,
    IReadOnlyList<ScalingLevel> Scaling,
    double StoreOnlyBytesPerIdentity,
    int StoreOnlyIdentities,
    IReadOnlyList<TargetResult> Targets);
