using System.Text;

namespace Emulator.Journal;

/// <summary>
/// The console access log (category <c>Emulator.AccessLog</c>): one line per request, the rejection reason when
/// there is one, and with <see cref="AccessLogMode.Verbose"/> the request headers with credentials redacted.
/// </summary>
internal sealed partial class AccessLog(AccessLogMode mode, ILoggerFactory loggers)
{
    public const string Category = "Emulator.AccessLog";

    private static readonly string[] SecretNameParts = ["key", "secret", "token", "signature", "cookie", "password"];

    private readonly ILogger _logger = loggers.CreateLogger(Category);

    public AccessLogMode Mode { get; } = mode;

    public void Write(HttpContext context, RequestJournalEntry entry)
    {
        if (Mode == AccessLogMode.Off || !_logger.IsEnabled(LogLevel.Information))
        {
            return;
        }

        var target = entry.Path + entry.Query;
        if (entry.Reason is null)
        {
            LogRequest(_logger, entry.Method, target, entry.Status, entry.DurationMs);
        }
        else
        {
            LogRejected(_logger, entry.Method, target, entry.Status, entry.DurationMs, entry.ErrorCode ?? "error", entry.Reason);
        }

        if (Mode == AccessLogMode.Verbose)
        {
            var headers = RedactedHeaders(context.Request.Headers);
            LogHeaders(_logger, entry.Method, target, headers);
        }
    }

    /// <summary>Headers one per line; Authorization keeps its scheme only, anything named like a credential is hidden.</summary>
    public static string RedactedHeaders(IHeaderDictionary headers)
    {
        var text = new StringBuilder();
        foreach (var (name, value) in headers.OrderBy(h => h.Key, StringComparer.OrdinalIgnoreCase))
        {
            var shown = name.Equals("Authorization", StringComparison.OrdinalIgnoreCase)
                ? $"{RequestJournalMiddleware.AuthScheme(value.ToString())} [redacted]"
                : Array.Exists(SecretNameParts, p => name.Contains(p, StringComparison.OrdinalIgnoreCase)) ? "[redacted]" : value.ToString();
            text.Append("\n    ").Append(name).Append(": ").Append(shown);
        }

        return text.ToString();
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "{Method} {Target} {Status} {DurationMs}ms")]
    private static partial void LogRequest(ILogger logger, string method, string target, int status, double durationMs);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "{Method} {Target} {Status} {DurationMs}ms {ErrorCode}: {Reason}")]
    private static partial void LogRejected(ILogger logger, string method, string target, int status, double durationMs, string errorCode, string reason);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Information, Message = "{Method} {Target} headers:{Headers}")]
    private static partial void LogHeaders(ILogger logger, string method, string target, string headers);
}
