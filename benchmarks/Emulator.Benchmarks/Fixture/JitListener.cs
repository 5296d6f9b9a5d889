using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace Emulator.Benchmarks.Fixture;

/// <summary>
/// Counts the methods the JIT compiles, and the time it takes for them, by namespace (the runtime's own JIT events,
/// listened to in the process). Only for the profile run: listening costs time itself.
/// </summary>
public sealed class JitListener : EventListener
{
    private const EventKeywords JitKeyword = (EventKeywords)0x10;
    private const int MethodLoadVerbose = 143;
    private const int MethodJittingStarted = 145;

    private readonly ConcurrentDictionary<ulong, DateTime> _started = new();
    private readonly ConcurrentDictionary<string, (int Methods, double Ms)> _byNamespace = new();

    /// <summary>Per namespace (its first two segments): methods compiled and milliseconds from JIT start to load.</summary>
    public IReadOnlyDictionary<string, (int Methods, double Ms)> ByNamespace => _byNamespace;

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, JitKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.Payload is not { } payload || eventData.PayloadNames is not { } names)
        {
            return;
        }

        var id = Convert.ToUInt64(payload[names.IndexOf("MethodID")], System.Globalization.CultureInfo.InvariantCulture);
        if (eventData.EventId == MethodJittingStarted)
        {
            _started[id] = eventData.TimeStamp;
        }
        else if (eventData.EventId == MethodLoadVerbose && _started.TryRemove(id, out var start))
        {
            var ms = (eventData.TimeStamp - start).TotalMilliseconds;
            var key = Group(payload[names.IndexOf("MethodNamespace")] as string ?? "?");
            _byNamespace.AddOrUpdate(key, (1, ms), (_, v) => (v.Methods + 1, v.Ms + ms));
        }
    }

    /// <summary><c>Microsoft.AspNetCore.Routing.Foo`1[...]</c> → <c>Microsoft.AspNetCore</c>; <c>Emulator.X</c> → <c>Emulator.X</c>.</summary>
    private static string Group(string typeName)
    {
        var generic = typeName.IndexOfAny(['`', '[', '+', '<']);
        var name = generic > 0 ? typeName[..generic] : typeName;
        var parts = name.Split('.');
        return parts.Length <= 2 ? string.Join('.', parts[..Math.Max(1, parts.Length - 1)]) : string.Join('.', parts[..2]);
    }
}
