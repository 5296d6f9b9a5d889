using System.Diagnostics;
using Emulator.Benchmarks.Http;

namespace Emulator.Benchmarks.Load;

/// <summary>
/// Runs <c>concurrency</c> closed-loop workers: a warm-up (not recorded), then a window that ends at the time bound,
/// the count bound, or when a pool runs dry. Requests/s counts the requests completed inside the window.
/// </summary>
public static class LoadRunner
{
    public static async Task<LoadResult> RunAsync(
        string target,
        string operation,
        int concurrency,
        TimeSpan warmup,
        TimeSpan duration,
        long maxRequests,
        Func<Worker, Task> unit,
        Func<TimeSpan>? serverCpu = null,
        long? storedIdentities = null)
    {
        using var client = ClientFactory.Create(concurrency);
        var run = new LoadRun(maxRequests);
        var workers = Enumerable.Range(0, concurrency).Select(i => new Worker(i, client, run)).ToArray();
        var tasks = workers.Select(w => Task.Run(() => LoopAsync(w, run, unit))).ToArray();
        var failed = Task.WhenAll(tasks);

        await Task.WhenAny(Task.Delay(warmup), failed);
        var clientCpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var serverCpu0 = serverCpu?.Invoke();
        var t0 = Stopwatch.GetTimestamp();
        run.StartMeasuring();

        await Task.WhenAny(Task.Delay(duration), run.WhenStopped, failed);
        run.Stop();
        var seconds = Stopwatch.GetElapsedTime(t0).TotalSeconds;
        var clientCpu = Process.GetCurrentProcess().TotalProcessorTime - clientCpu0;
        var serverCpuUsed = serverCpu is null ? (TimeSpan?)null : serverCpu() - serverCpu0!.Value;
        await failed;

        var latencies = workers.SelectMany(w => w.Latencies).ToArray();
        if (latencies.Length == 0)
        {
            throw new HarnessException($"{target} {operation} c={concurrency}: no request completed in the measured window.");
        }

        Array.Sort(latencies);
        var n = latencies.Length;
        return new LoadResult(
            target,
            operation,
            concurrency,
            n,
            seconds,
            n / seconds,
            Percentile(latencies, 0.50),
            Percentile(latencies, 0.99),
            Percentile(latencies, 0.999),
            serverCpuUsed is { } s ? s.TotalMicroseconds / n : null,
            clientCpu.TotalMicroseconds / n,
            storedIdentities);
    }

    private static async Task LoopAsync(Worker worker, LoadRun run, Func<Worker, Task> unit)
    {
        try
        {
            while (!run.IsStopped)
            {
                await unit(worker);
            }
        }
        catch
        {
            run.Stop();
            throw;
        }
    }

    private static double Percentile(long[] sorted, double p)
    {
        var index = Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1);
        return sorted[index] * 1000.0 / Stopwatch.Frequency;
    }
}
