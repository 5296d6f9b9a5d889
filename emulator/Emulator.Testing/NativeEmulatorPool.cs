using System.Collections.Concurrent;

namespace Emulator.Testing;

/// <summary>
/// Native emulator processes kept after their emulator was disposed (reset), keyed by the exact binary and arguments
/// they were started with, so the next start with the same options takes one instead of starting a process. A process
/// is taken by one emulator at a time: emulators used side by side get their own. Kept processes end with the test
/// process (their standard input closes).
/// </summary>
internal static class NativeEmulatorPool
{
    private static readonly ConcurrentDictionary<string, ConcurrentQueue<NativeEmulatorProcess>> Idle = new(StringComparer.Ordinal);

    public static NativeEmulatorProcess? TryTake(string key)
    {
        if (!Idle.TryGetValue(key, out var queue))
        {
            return null;
        }

        while (queue.TryDequeue(out var process))
        {
            if (!process.HasExited)
            {
                return process;
            }

            _ = process.StopAsync(); // it died while idle: release its handles
        }

        return null;
    }

    public static void Return(string key, NativeEmulatorProcess process) => Idle.GetOrAdd(key, _ => new ConcurrentQueue<NativeEmulatorProcess>()).Enqueue(process);
}
