namespace Emulator.Benchmarks.Suites;

/// <summary>Figures of the interleaved issue / revoke / PATCH / delete / validate race on shared identities.</summary>
public sealed record RaceResult(
    long Operations,
    int Identities,
    int Workers,
    double Seconds,
    double OperationsPerSecond,
    long WrongAnswers,
    long ServerErrors,
    IReadOnlyDictionary<string, long> ByOperation,
    IReadOnlyList<string> FirstWrongAnswers);
