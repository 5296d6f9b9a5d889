namespace Emulator.Benchmarks.Load;

/// <summary>One measured point: a server, an operation, a concurrency.</summary>
public sealed record LoadResult(
    string Target,
    string Operation,
    int Concurrency,
    long Requests,
    double Seconds,
    double RequestsPerSecond,
    double P50Ms,
    double P99Ms,
    double P999Ms,
    double? ServerCpuUsPerRequest,
    double ClientCpuUsPerRequest,
    long? StoredIdentities = null);
