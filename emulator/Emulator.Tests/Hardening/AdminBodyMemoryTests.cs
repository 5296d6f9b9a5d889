using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Emulator.Tests.Hardening;

/// <summary>Runs alone: it measures the process, which other tests running at the same time would disturb.</summary>
[CollectionDefinition(nameof(MemoryMeasurement), DisableParallelization = true)]
public sealed class MemoryMeasurement;

/// <summary>
/// Issue 8: 16 concurrent 29 MB bodies to the unauthenticated <c>POST /emulator/tokens/validate</c> took the process
/// from 136 MiB to 1,464 MiB. Now every route reads at most its limit (1 MiB on <c>/emulator/*</c>) and answers 413.
/// </summary>
[Collection(nameof(MemoryMeasurement))]
public sealed class AdminBodyMemoryTests(ITestOutputHelper output)
{
    private const int Clients = 16;
    private const int BodyBytes = 29_000_000;
    private const long Bound = 200L * 1024 * 1024; // generous: the 16 bodies alone would be 464 MB

    [Fact]
    public async Task ConcurrentOversizedAdminBodies_Are413_AndTheProcessStaysBounded()
    {
        await using var emulator = await KestrelEmulator.StartAsync();
        Assert.Equal(413, await SendOversizedAsync(emulator, 2 * 1024 * 1024)); // warm up the server's code paths

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var baseline = process.WorkingSet64;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var peak = baseline;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                process.Refresh();
                peak = Math.Max(peak, process.WorkingSet64);
                await Task.Delay(5, CancellationToken.None);
            }
        }, CancellationToken.None);

        var started = Stopwatch.StartNew();
        var statuses = await Task.WhenAll(Enumerable.Range(0, Clients).Select(_ => SendOversizedAsync(emulator, BodyBytes)));
        await stop.CancelAsync();
        await sampler;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;

        output.WriteLine($"{Clients} concurrent chunked {BodyBytes:N0}-byte bodies to POST /emulator/tokens/validate in {started.ElapsedMilliseconds} ms: "
            + $"working set {baseline / 1048576.0:F1} MiB -> peak {peak / 1048576.0:F1} MiB (+{(peak - baseline) / 1048576.0:F1} MiB), "
            + $"allocated {allocated / 1048576.0:F1} MiB; statuses {string.Join(",", statuses.Distinct())}");
        Assert.All(statuses, status => Assert.Equal(413, status));
        Assert.True(peak - baseline < Bound, $"working set grew by {(peak - baseline) / 1048576.0:F1} MiB");
        Assert.True(allocated < Bound, $"{allocated / 1048576.0:F1} MiB allocated");
    }

    /// <summary>Streams a JSON-looking chunked body of <paramref name="bytes"/> from one reused buffer; returns the status.</summary>
    private static async Task<int> SendOversizedAsync(KestrelEmulator emulator, int bytes)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(emulator.BaseAddress.Host, emulator.BaseAddress.Port);
        var stream = client.GetStream();
        var reading = RawHttp.ReadAsync(stream, CancellationToken.None);
        var chunk = Encoding.ASCII.GetBytes($"10000\r\n{new string('a', 0x10000)}\r\n");
        try
        {
            await stream.WriteAsync(RawHttp.Bytes(
                $"POST /emulator/tokens/validate HTTP/1.1\r\nHost: {emulator.Authority}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n10\r\n{{\"token\":\"aaaaaa\r\n"));
            for (var sent = 0; sent < bytes && !reading.IsCompleted; sent += 0x10000)
            {
                await stream.WriteAsync(chunk);
            }

            await stream.WriteAsync("0\r\n\r\n"u8.ToArray());
        }
        catch (IOException)
        {
            // The server answered and closed before the whole body was sent: what it should do.
        }

        return (await reading).Status;
    }
}
