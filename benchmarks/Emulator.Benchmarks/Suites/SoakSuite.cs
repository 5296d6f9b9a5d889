using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Emulator.Benchmarks.Http;

namespace Emulator.Benchmarks.Suites;

/// <summary>
/// A long mixed load — create (with and without a token), issue, validate, revoke, delete, issue after delete — where
/// each worker owns its identities, so every answer has one right value. Samples the emulator's RSS at intervals:
/// with create/delete churn a bounded store keeps it flat.
/// </summary>
public static class SoakSuite
{
    private const int OwnedPerWorker = 8;

    public static async Task<SoakResult> RunAsync(string emulatorDll, TimeSpan duration, int workers, int samples, Action<string> log)
    {
        using var target = await EmulatorTarget.StartAsync(emulatorDll);
        using var client = ClientFactory.Create(workers);
        var api = new LongRunApi(target.Server.BaseUri, target.Credentials.Signer(), client);
        var counts = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var wrong = new ConcurrentQueue<string>();
        long operations = 0, wrongCount = 0, serverErrors = 0;
        var watch = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource(duration);

        bool Check(string operation, LongRunApi.Answer answer, HttpStatusCode expected, bool bodyOk = true)
        {
            Interlocked.Increment(ref operations);
            counts.AddOrUpdate(operation, 1, (_, n) => n + 1);
            if (answer.IsServerError)
            {
                Interlocked.Increment(ref serverErrors);
            }

            if (answer.Status == expected && bodyOk)
            {
                return true;
            }

            Interlocked.Increment(ref wrongCount);
            if (wrong.Count < 20)
            {
                wrong.Enqueue($"{operation}: expected {(int)expected}, got {(int)answer.Status}{(bodyOk ? string.Empty : " with a wrong body")}");
            }

            return false;
        }

        var memory = new List<SoakSample>();
        var sampler = Task.Run(async () =>
        {
            var every = duration / Math.Max(1, samples);
            while (!stop.IsCancellationRequested)
            {
                var sample = new SoakSample(watch.Elapsed.TotalSeconds, Interlocked.Read(ref operations), target.Server.WorkingSetBytes() / 1048576.0);
                memory.Add(sample);
                log($"  soak: {sample.Seconds,5:F0} s  {sample.Operations,10:N0} operations  RSS {sample.RssMiB,7:F1} MiB  {Interlocked.Read(ref wrongCount)} wrong, {Interlocked.Read(ref serverErrors)} 5xx");
                try
                {
                    await Task.Delay(every, stop.Token);
                }
                catch (OperationCanceledException)
                {
                    // The soak is over.
                }
            }
        });

        var tasks = Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            var random = new Random(w * 104729 + 7);
            var owned = new List<Owned>();
            string? deleted = null;
            while (!stop.IsCancellationRequested)
            {
                var roll = random.NextDouble();
                if (owned.Count == 0 || (roll < 0.15 && owned.Count < OwnedPerWorker))
                {
                    var withToken = random.Next(2) == 0;
                    var answer = await api.CreateAsync(withToken);
                    var token = LongRunApi.Field(answer.Body, "token");
                    if (Check(withToken ? "create with token" : "create", answer, HttpStatusCode.Created, LongRunApi.Field(answer.Body, "id") is not null && (token is not null) == withToken))
                    {
                        owned.Add(new Owned(Uri.EscapeDataString(LongRunApi.Field(answer.Body, "id")!)) { Token = token, TokenValid = token is not null });
                    }

                    continue;
                }

                var identity = owned[random.Next(owned.Count)];
                if (roll < 0.40)
                {
                    var answer = await api.IssueAsync(identity.Escaped);
                    var token = LongRunApi.Field(answer.Body, "token");
                    if (Check("issue", answer, HttpStatusCode.OK, token is not null))
                    {
                        (identity.Token, identity.TokenValid) = (token, true);
                    }
                }
                else if (roll < 0.65)
                {
                    if (identity.Token is { } token)
                    {
                        var answer = await api.ValidateAsync(token);
                        var body = identity.TokenValid ? "\"valid\":true" : "\"reason\":\"revoked\"";
                        Check("validate", answer, HttpStatusCode.OK, answer.Body.Contains(body, StringComparison.Ordinal));
                    }
                }
                else if (roll < 0.75)
                {
                    if (Check("revoke", await api.RevokeAsync(identity.Escaped), HttpStatusCode.NoContent))
                    {
                        identity.TokenValid = false;
                    }
                }
                else if (roll < 0.90)
                {
                    Check("delete", await api.DeleteAsync(identity.Escaped), HttpStatusCode.NoContent);
                    owned.Remove(identity);
                    deleted = identity.Escaped;
                    if (identity.Token is { } token)
                    {
                        var answer = await api.ValidateAsync(token);
                        Check("validate deleted", answer, HttpStatusCode.OK, answer.Body.Contains("\"reason\":\"identityDeleted\"", StringComparison.Ordinal));
                    }
                }
                else if (deleted is not null)
                {
                    Check("issue for deleted", await api.IssueAsync(deleted), HttpStatusCode.NotFound);
                }
            }
        }));
        await Task.WhenAll(tasks);
        watch.Stop();
        await sampler;
        memory.Add(new SoakSample(watch.Elapsed.TotalSeconds, operations, target.Server.WorkingSetBytes() / 1048576.0));

        return new SoakResult(watch.Elapsed.TotalSeconds, workers, operations, operations / watch.Elapsed.TotalSeconds, wrongCount, serverErrors,
            counts.OrderBy(c => c.Key, StringComparer.Ordinal).ToDictionary(), memory, Slope(memory.Where(m => m.Seconds >= watch.Elapsed.TotalSeconds / 2).ToList()), [.. wrong]);
    }

    /// <summary>Least-squares slope of RSS over time, in MiB per minute (0 with fewer than two samples).</summary>
    private static double Slope(List<SoakSample> samples)
    {
        if (samples.Count < 2)
        {
            return 0;
        }

        var meanT = samples.Average(s => s.Seconds);
        var meanM = samples.Average(s => s.RssMiB);
        var numerator = samples.Sum(s => (s.Seconds - meanT) * (s.RssMiB - meanM));
        var denominator = samples.Sum(s => (s.Seconds - meanT) * (s.Seconds - meanT));
        return denominator == 0 ? 0 : numerator / denominator * 60;
    }

    private sealed class Owned(string escaped)
    {
        public string Escaped { get; } = escaped;

        public string? Token { get; set; }

        public bool TokenValid { get; set; }
    }
}
