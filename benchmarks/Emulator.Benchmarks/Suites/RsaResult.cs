namespace Emulator.Benchmarks.Suites;

/// <summary>Raw RSA-2048 PKCS#1 SHA-256 signing rates, and the emulator's own token issuer without HTTP.</summary>
public sealed record RsaResult(
    int Threads,
    double SignSinglePerSecond,
    double SignParallelPerSecond,
    double IssuerSinglePerSecond,
    double IssuerParallelPerSecond,
    double KeyGenerationMedianMs,
    int SignedBytes);
