using Emulator.Benchmarks.Load;

namespace Emulator.Benchmarks.Suites;

/// <summary>One store size: memory of the emulator process, and issue/create throughput at concurrency 16.</summary>
public sealed record ScalingLevel(
    int Identities,
    double PopulateSeconds,
    long IdleWorkingSetBytes,
    long LoadedWorkingSetBytes,
    double BytesPerIdentity,
    LoadResult Issue,
    LoadResult Create);
