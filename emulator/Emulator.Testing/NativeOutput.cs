using System.Text;
using System.Text.RegularExpressions;

namespace Emulator.Testing;

/// <summary>
/// What a native emulator process writes: the last lines of its output (for exception messages, access keys redacted)
/// and the connection strings and resource id of its start-up banner.
/// </summary>
internal sealed partial class NativeOutput
{
    private const int KeptLines = 60;
    private readonly Queue<string> _lines = new();
    private readonly TaskCompletionSource<NativeBanner> _banner = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string? _previous;
    private string? _resourceId;
    private string? _http;
    private string? _https;

    /// <summary>Completes when the banner has printed its connection strings.</summary>
    public Task<NativeBanner> Banner => _banner.Task;

    /// <summary>One line of standard output or error (null at the stream's end).</summary>
    public void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lines)
        {
            _lines.Enqueue(Redact(line));
            if (_lines.Count > KeptLines)
            {
                _lines.Dequeue();
            }

            if (!_banner.Task.IsCompleted)
            {
                Parse(line.Trim());
            }
        }
    }

    /// <summary>The kept lines, indented, access keys redacted.</summary>
    public override string ToString()
    {
        lock (_lines)
        {
            var text = new StringBuilder();
            foreach (var line in _lines)
            {
                text.Append("  | ").AppendLine(line);
            }

            return text.Length == 0 ? "  (no output)" : text.ToString().TrimEnd();
        }
    }

    /// <summary>The kept lines as they are (redacted), for parsing error lists.</summary>
    public IReadOnlyList<string> Lines()
    {
        lock (_lines)
        {
            return [.. _lines];
        }
    }

    private void Parse(string line)
    {
        const string resource = "Resource id:";
        if (line.StartsWith(resource, StringComparison.Ordinal))
        {
            _resourceId = line[resource.Length..].Trim().Split(' ')[0];
        }
        else if (_previous == "Connection string (http):")
        {
            _http = line;
        }
        else if (_previous == "Connection string (https):")
        {
            _https = line;
        }
        else if (line.StartsWith("Dashboard:", StringComparison.Ordinal) && _http is not null && _resourceId is not null)
        {
            // The dashboard line follows every connection string of the banner.
            _banner.TrySetResult(new NativeBanner(_resourceId, _http, _https));
        }

        _previous = line;
    }

    private static string Redact(string line) => AccessKey().Replace(line, "accesskey=[redacted]");

    [GeneratedRegex("accesskey=[^;\\s]*", RegexOptions.IgnoreCase)]
    private static partial Regex AccessKey();
}

/// <summary>What the native emulator's banner says: its resource id and connection strings (https null when off).</summary>
internal sealed record NativeBanner(string ResourceId, string HttpConnectionString, string? HttpsConnectionString)
{
    public string AccessKey => HttpConnectionString[(HttpConnectionString.IndexOf(";accesskey=", StringComparison.Ordinal) + ";accesskey=".Length)..];

    public static Uri EndpointOf(string connectionString) => new(connectionString["endpoint=".Length..connectionString.IndexOf(';', StringComparison.Ordinal)]);
}
