using System.Diagnostics;
using System.Net;
using Emulator.Benchmarks.Http;

namespace Emulator.Benchmarks.Load;

/// <summary>One closed-loop client: sends a request, waits for its answer, checks it, records its latency.</summary>
public sealed class Worker(int index, HttpMessageInvoker client, LoadRun run)
{
    private readonly List<long> _latencies = new(4096);

    public int Index { get; } = index;

    public Random Random { get; } = new(index * 7919 + 17);

    public IReadOnlyList<long> Latencies => _latencies;

    /// <summary>Sends <paramref name="request"/> and returns the body; any other status or a failed check is a harness error.</summary>
    public async Task<byte[]> SendAsync(HttpRequestMessage request, HttpStatusCode expected, Func<byte[], bool> check, string what)
    {
        using (request)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await client.SendAsync(request, CancellationToken.None);
            var body = await response.Content.ReadAsByteArrayAsync();
            var elapsed = Stopwatch.GetTimestamp() - started;
            if (response.StatusCode != expected || !check(body))
            {
                throw new HarnessException(
                    $"{what}: expected {(int)expected}, got {(int)response.StatusCode} with body '{ResponseChecks.Excerpt(body)}' ({request.Method} {request.RequestUri}).");
            }

            if (run.Record())
            {
                _latencies.Add(elapsed);
            }

            return body;
        }
    }

    /// <summary>Ends the measured step early (its pool of identities is used up).</summary>
    public void Exhausted() => run.Stop();
}
