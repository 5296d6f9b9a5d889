using System.Globalization;
using Emulator.Benchmarks.Load;
using Emulator.Benchmarks.Suites;

namespace Emulator.Benchmarks.Reporting;

/// <summary>The targets of issue 5, as ratios inside one run. Short mode reports them too but nothing fails on them.</summary>
public static class TargetEvaluator
{
    private const int Concurrency = 16;

    public static List<TargetResult> Evaluate(RsaResult rsa, StartupResult startup, IReadOnlyList<LoadResult> http, IReadOnlyList<ScalingLevel> scaling)
    {
        var targets = new List<TargetResult>();
        double Rps(string target, string operation) =>
            http.FirstOrDefault(r => r.Target == target && r.Operation == operation && r.Concurrency == Concurrency)?.RequestsPerSecond ?? double.NaN;

        var bare = Rps(ThroughputSuite.Bare, Operations.Create);
        var create = Rps(ThroughputSuite.Emulator, Operations.Create);
        targets.Add(Ratio("create identity vs WireMock.Net stub (default settings), c=16", create, Rps(ThroughputSuite.WireMockDefaults, Operations.Create), 2.0, "×", "≥ 2×"));
        targets.Add(Ratio("create identity vs WireMock.Net stub (tuned settings), c=16", create, Rps(ThroughputSuite.WireMock, Operations.Create), 2.0, "×", "≥ 2×"));

        var issue = Rps(ThroughputSuite.Emulator, Operations.Issue);
        targets.Add(Ratio("issue token vs raw RSA-2048 sign rate (all cores), c=16", issue, rsa.SignParallelPerSecond, 0.70, "%", "≥ 70%"));

        foreach (var operation in new[] { Operations.Create, Operations.Revoke, Operations.Delete })
        {
            targets.Add(Ratio($"{operation} vs bare minimal endpoint, c=16", Rps(ThroughputSuite.Emulator, operation), bare, 0.50, "%", "≥ 50%"));
        }

        targets.Add(new TargetResult("published app start to first served request (median)", Ms(startup.PublishedMedianMs), "< 1000 ms", startup.PublishedMedianMs < 1000));
        targets.Add(new TargetResult("in-process fixture start to first served request (median, fresh process)", Ms(startup.FixtureColdMedianMs), "< 200 ms", startup.FixtureColdMedianMs < 200));

        if (scaling.Count > 0)
        {
            var largest = scaling[^1];
            var smallest = scaling[0];
            targets.Add(new TargetResult(
                $"memory per stored identity at {largest.Identities:N0} (working set growth)",
                $"{largest.BytesPerIdentity:N0} B",
                "≤ 1024 B",
                largest.BytesPerIdentity <= 1024));
            foreach (var (name, pick) in new (string, Func<ScalingLevel, LoadResult>)[] { (Operations.Issue, l => l.Issue), (Operations.Create, l => l.Create) })
            {
                var ratio = pick(largest).RequestsPerSecond / pick(smallest).RequestsPerSecond;
                targets.Add(new TargetResult(
                    $"{name} throughput at {largest.Identities:N0} vs {smallest.Identities:N0} stored",
                    $"{ratio * 100:F0}% ({pick(largest).RequestsPerSecond:N0} vs {pick(smallest).RequestsPerSecond:N0} req/s)",
                    "≥ 90%",
                    ratio >= 0.90));
            }
        }

        return targets;
    }

    private static TargetResult Ratio(string name, double value, double reference, double goal, string unit, string goalText)
    {
        var ratio = value / reference;
        var shown = unit == "%" ? $"{ratio * 100:F0}%" : $"{ratio:F2}×";
        return new TargetResult(name, $"{shown} ({value:N0} vs {reference:N0}/s)", goalText, ratio >= goal);
    }

    private static string Ms(double ms) => $"{ms.ToString("F0", CultureInfo.InvariantCulture)} ms";
}
