using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Emulator.Benchmarks.Http;

namespace Emulator.Benchmarks.Suites;

/// <summary>
/// Many workers issue, validate, revoke, PATCH tokensValidFrom and delete (then recreate) a few shared identities as
/// fast as they can. Every answer is judged against the intervals of what the others did: a token must be invalid
/// once a revocation or delete certainly ordered after its issue has been answered; "revoked" or "identityDeleted"
/// needs one that may have been; 404 needs a delete begun before it. Anything else, and any 5xx, is a wrong answer.
/// </summary>
public static class RaceSuite
{
    public static async Task<RaceResult> RunAsync(string emulatorDll, long operations, int identities, int workers, Action<string> log)
    {
        using var target = await EmulatorTarget.StartAsync(emulatorDll);
        using var client = ClientFactory.Create(workers);
        var api = new LongRunApi(target.Server.BaseUri, target.Credentials.Signer(), client);
        var slots = new RaceIdentity[identities];
        for (var i = 0; i < identities; i++)
        {
            slots[i] = new RaceIdentity(await CreateAsync(api), null);
        }

        var counts = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var wrong = new ConcurrentQueue<string>();
        long next = 0, wrongCount = 0, serverErrors = 0;
        var progressEvery = Math.Max(1, operations / 10);
        var watch = Stopwatch.StartNew();

        void Wrong(string what)
        {
            Interlocked.Increment(ref wrongCount);
            if (wrong.Count < 20)
            {
                wrong.Enqueue(what);
            }
        }

        void Count(string operation, LongRunApi.Answer answer)
        {
            counts.AddOrUpdate(operation, 1, (_, n) => n + 1);
            if (answer.IsServerError)
            {
                Interlocked.Increment(ref serverErrors);
                Wrong($"{operation}: {(int)answer.Status}");
            }
        }

        var tasks = Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            var random = new Random(w * 7919 + 13);
            long n;
            while ((n = Interlocked.Increment(ref next)) <= operations)
            {
                if (n % progressEvery == 0)
                {
                    log($"  race: {n:N0} operations, {Interlocked.Read(ref wrongCount)} wrong, {watch.Elapsed.TotalSeconds:F0} s");
                }

                var slot = random.Next(identities);
                var identity = Volatile.Read(ref slots[slot]);
                var roll = random.NextDouble();
                if (roll < 0.40)
                {
                    var answer = await api.IssueAsync(identity.Escaped);
                    Count("issue", answer);
                    JudgeChange("issue", answer, HttpStatusCode.OK, identity, Wrong);
                    if (answer.Status == HttpStatusCode.OK && LongRunApi.Field(answer.Body, "token") is { } token)
                    {
                        identity.AddToken(token, answer.Started, answer.Ended);
                    }
                }
                else if (roll < 0.80)
                {
                    var subject = roll < 0.72 || identity.Previous is null ? identity : identity.Previous;
                    if (subject.PickToken(random) is not { } token)
                    {
                        continue;
                    }

                    var answer = await api.ValidateAsync(token.Token);
                    Count("validate", answer);
                    JudgeValidation(answer, subject, token.Started, token.Ended, Wrong);
                }
                else if (roll < 0.95)
                {
                    var patch = roll >= 0.88;
                    var interval = identity.RevokeStarting(Stopwatch.GetTimestamp());
                    var answer = patch ? await api.PatchValidFromAsync(identity.Escaped) : await api.RevokeAsync(identity.Escaped);
                    interval.Done(answer.Ended);
                    Count(patch ? "patch tokensValidFrom" : "revoke", answer);
                    JudgeChange(patch ? "patch" : "revoke", answer, HttpStatusCode.NoContent, identity, Wrong);
                }
                else if (identity.TryClaimDelete())
                {
                    identity.DeleteStarting(Stopwatch.GetTimestamp());
                    var answer = await api.DeleteAsync(identity.Escaped);
                    identity.DeleteDone(answer.Ended);
                    Count("delete", answer);
                    if (answer.Status != HttpStatusCode.NoContent)
                    {
                        Wrong($"delete: {(int)answer.Status}");
                    }

                    Volatile.Write(ref slots[slot], new RaceIdentity(await CreateAsync(api), identity));
                    counts.AddOrUpdate("create", 1, (_, c) => c + 1);
                }
            }
        }));
        await Task.WhenAll(tasks);
        watch.Stop();

        var total = counts.Values.Sum();
        return new RaceResult(total, identities, workers, watch.Elapsed.TotalSeconds, total / watch.Elapsed.TotalSeconds,
            wrongCount, serverErrors, counts.OrderBy(c => c.Key, StringComparer.Ordinal).ToDictionary(), [.. wrong]);
    }

    /// <summary>Issue, revoke, PATCH: the expected status unless a delete had begun; never after one had ended.</summary>
    private static void JudgeChange(string operation, LongRunApi.Answer answer, HttpStatusCode expected, RaceIdentity identity, Action<string> wrong)
    {
        if (answer.Status == expected)
        {
            if (identity.DeleteEnded < answer.Started)
            {
                wrong($"{operation}: {(int)answer.Status} after the identity's delete was answered");
            }
        }
        else if (answer.Status == HttpStatusCode.NotFound)
        {
            if (identity.DeleteStarted > answer.Ended)
            {
                wrong($"{operation}: 404 for an identity nobody had deleted");
            }
        }
        else if (!answer.IsServerError)
        {
            wrong($"{operation}: unexpected {(int)answer.Status}");
        }
    }

    private static void JudgeValidation(LongRunApi.Answer answer, RaceIdentity identity, long issueStarted, long issueEnded, Action<string> wrong)
    {
        if (answer.Status != HttpStatusCode.OK)
        {
            if (!answer.IsServerError)
            {
                wrong($"validate: unexpected {(int)answer.Status}");
            }

            return;
        }

        var valid = answer.Body.Contains("\"valid\":true", StringComparison.Ordinal);
        var reason = LongRunApi.Field(answer.Body, "reason");
        if (valid)
        {
            if (identity.DeleteEnded < answer.Started || identity.RevokedCertainly(issueEnded, answer.Started))
            {
                wrong("validate: valid after a revoke or delete ordered after the issue had been answered");
            }
        }
        else if (reason == "revoked")
        {
            if (!identity.RevokedPossibly(issueStarted, answer.Ended))
            {
                wrong("validate: revoked without any revoke after the issue");
            }
        }
        else if (reason == "identityDeleted")
        {
            if (identity.DeleteStarted > answer.Ended)
            {
                wrong("validate: identityDeleted for an identity nobody had deleted");
            }
        }
        else
        {
            wrong($"validate: unexpected reason '{reason}'");
        }
    }

    private static async Task<string> CreateAsync(LongRunApi api)
    {
        var answer = await api.CreateAsync(withToken: false);
        return answer.Status == HttpStatusCode.Created && LongRunApi.Field(answer.Body, "id") is { } id
            ? id
            : throw new HarnessException($"race: create answered {(int)answer.Status}.");
    }
}
