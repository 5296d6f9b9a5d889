using Emulator.Hosting;
using Microsoft.Extensions.Options;

namespace Emulator.Snapshots;

/// <summary>
/// With <c>Server:PersistState</c>, writes the state to <c>state.json</c> in the data directory: at most once per
/// interval and only when a request may have changed it (any request other than GET/HEAD marks it dirty once it
/// has completed), plus once on a clean shutdown. Each write is a whole atomic snapshot, so the write cost is
/// bounded by the interval, not by the request rate, and a kill -9 loses at most the last interval.
/// </summary>
internal sealed partial class StatePersistence(SnapshotService snapshots, IOptions<PersistenceOptions> options, IOptions<Configuration.ServerOptions> server, TimeProvider time, ILogger<StatePersistence> logger) : BackgroundService
{
    private readonly Lock _writeGate = new();
    private int _dirty;

    public bool Enabled => options.Value.PersistState && Path is not null;

    public string? Path => server.Value.ResolvedDataDirectory is { } dir ? System.IO.Path.Combine(dir, PersistenceOptions.FileName) : null;

    public long Writes { get; private set; }

    public void MarkDirty() => Volatile.Write(ref _dirty, 1);

    /// <summary>Loads the persisted state at start, when there is one. Throws <see cref="EmulatorConfigurationException"/> when it cannot be read.</summary>
    public void Load()
    {
        if (!Enabled || !File.Exists(Path))
        {
            return;
        }

        byte[] content;
        try
        {
            content = File.ReadAllBytes(Path!);
        }
        catch (IOException ex)
        {
            throw new EmulatorConfigurationException([$"{PersistenceOptions.PersistStateKey}: the state file {Path} could not be read: {ex.Message}"]);
        }

        if (snapshots.TryApply(content) is { } problem)
        {
            throw new EmulatorConfigurationException([$"{PersistenceOptions.PersistStateKey}: the state file {Path} cannot be loaded: {problem} Move it away to start empty."]);
        }
    }

    /// <summary>Writes the state now when it changed since the last write.</summary>
    public void Flush(bool force = false)
    {
        if (!Enabled || (Interlocked.Exchange(ref _dirty, 0) == 0 && !force))
        {
            return;
        }

        lock (_writeGate)
        {
            try
            {
                StateFile.WriteAtomically(Path!, snapshots.Serialize());
                Writes++;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                MarkDirty(); // Try again next interval.
                LogWriteFailed(logger, Path!, ex.Message);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(options.Value.PersistIntervalMilliseconds), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                Flush();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the final write happens when the application has stopped.
        }
    }

    [LoggerMessage(EventId = 1321, Level = LogLevel.Error, Message = "Could not write the state file {Path}: {Reason}")]
    private static partial void LogWriteFailed(ILogger logger, string path, string reason);
}
