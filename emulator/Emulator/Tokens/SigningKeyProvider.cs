using Emulator.Configuration;
using Emulator.Infrastructure;

namespace Emulator.Tokens;

/// <summary>
/// Takes RSA key generation (about 0.3 s of CPU for a 2048-bit key) off the way to ready: a key that has to be made
/// (none configured, none kept in the data directory) is generated on a worker thread while the host starts, and
/// <see cref="SigningKeyGate"/> holds requests until it exists, so a token request during generation waits and never
/// fails. Loading a configured or kept key stays synchronous (a few milliseconds), so a bad file still fails the start
/// naming its setting.
/// </summary>
internal sealed partial class SigningKeyProvider
{
    private readonly Lazy<Task<SigningKeys>> _keys;

    public SigningKeyProvider(TokenOptions options, DataDirectory data, ILogger<SigningKeyProvider> logger)
        : this(
            string.IsNullOrEmpty(options.SigningKeyPath) && (data.FilePath(SigningKeys.StoredFileName) is not { } stored || IsAbsent(stored)),
            () => SigningKeys.Load(options.SigningKeyPath, options.SigningKeyPassword, data),
            logger)
    {
        Persists = data.Path is not null;
    }

    /// <summary>For tests: <paramref name="load"/> runs in the background when <paramref name="generates"/>, else synchronously.</summary>
    internal SigningKeyProvider(bool generates, Func<SigningKeys> load, ILogger logger)
    {
        Generates = generates;
        _keys = new Lazy<Task<SigningKeys>>(() => generates ? GenerateAsync(load, logger) : Task.FromResult(load()));
    }

    /// <summary>Whether the key is generated at this start (in the background) rather than loaded from a file.</summary>
    public bool Generates { get; }

    /// <summary>Whether a generated key is written to the data directory (false with <c>--data-dir none</c>).</summary>
    public bool Persists { get; private init; }

    /// <summary>
    /// Runs <paramref name="ready"/> once readiness may be reported: at once, unless a key is being generated into the
    /// data directory; then once it is written, so that "ready" also means the folder holds everything a restart
    /// needs. Kestrel listens meanwhile, and requests wait at <see cref="SigningKeyGate"/>.
    /// </summary>
    public void WhenReady(Action ready)
    {
        if (!Generates || !Persists)
        {
            ready();
            return;
        }

        // Never ready after a failed generation: the host is stopping then.
        Keys.ContinueWith(task => ready(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
    }

    /// <summary>The keys; completes at once for a loaded key. Starts the load on first use.</summary>
    public Task<SigningKeys> Keys => _keys.Value;

    /// <summary>True once a background generation has failed (the host is stopped and the process exits with 2).</summary>
    public bool Failed => _keys.IsValueCreated && _keys.Value.IsFaulted;

    /// <summary>The keys, waiting for a generation still under way (only services resolved outside a request wait here).</summary>
    public SigningKeys Value => Keys.GetAwaiter().GetResult();

    /// <summary>Starts the load or generation; a loaded key's errors surface here, as before.</summary>
    public void Start(IHostApplicationLifetime lifetime, Action<SigningKeys> warm)
    {
        var keys = Keys;
        if (!Generates)
        {
            warm(keys.GetAwaiter().GetResult());
            return;
        }

        // A generation that already failed is handled like one that fails later: the host stops.

        keys.ContinueWith(
            task =>
            {
                if (task.IsFaulted)
                {
                    lifetime.StopApplication();
                }
                else
                {
                    warm(task.Result);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>Nothing at all at the path (a dangling or looping link is something: its load must fail the start, not be replaced).</summary>
    private static bool IsAbsent(string path) => !File.Exists(path) && !Directory.Exists(path) && new FileInfo(path).LinkTarget is null;

    // On a thread of its own (LongRunning), not the thread pool's: at start-up the pool has one thread per core, and
    // hundreds of milliseconds of key generation on one of them would delay the first requests, readiness included.
    private static Task<SigningKeys> GenerateAsync(Func<SigningKeys> load, ILogger logger) => Task.Factory.StartNew(
        () =>
        {
            try
            {
                return load();
            }
            catch (Exception ex)
            {
                LogGenerationFailed(logger, ex);
                throw;
            }
        },
        CancellationToken.None,
        TaskCreationOptions.LongRunning,
        TaskScheduler.Default);

    [LoggerMessage(EventId = 1950, Level = LogLevel.Critical, Message = "The token signing key could not be generated (Tokens:SigningKeyPath / Server:DataDirectory); the emulator stops")]
    private static partial void LogGenerationFailed(ILogger logger, Exception exception);
}
