namespace Emulator.Benchmarks.Suites;

/// <summary>Figures of the mixed soak: operations, wrong answers, 5xx and the emulator's resident memory over time.</summary>
public sealed record SoakResult(
    double Seconds,
    int Workers,
    long Operations,
    double OperationsPerSecond,
    long WrongAnswers,
    long ServerErrors,
    IReadOnlyDictionary<string, long> ByOperation,
    IReadOnlyList<SoakSample> Memory,
    double SecondHalfMiBPerMinute,
    IReadOnlyList<string> FirstWrongAnswers);

/// <summary>The emulator's resident set size at a point of the soak.</summary>
public sealed record SoakSample(double Seconds, long Operations, double RssMiB);
