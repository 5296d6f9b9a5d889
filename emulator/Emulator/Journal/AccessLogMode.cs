namespace Emulator.Journal;

/// <summary>The console access log, setting <c>Logging:AccessLog</c> (<c>--quiet</c> = Off, <c>--verbose</c> = Verbose).</summary>
internal enum AccessLogMode
{
    /// <summary>No access log line.</summary>
    Off,

    /// <summary>One line per request: method, path, status, duration, and the reason when rejected. The default.</summary>
    On,

    /// <summary>As <see cref="On"/>, plus the request headers with credentials redacted.</summary>
    Verbose,
}
