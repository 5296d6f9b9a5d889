namespace Emulator.TestSupport.Wire;

/// <summary>An ACS connection string, <c>endpoint=…;accesskey=…</c>, parsed as the SDKs do (keys case-insensitive, value split at the first '=').</summary>
public sealed record ConnectionString(Uri Endpoint, string AccessKey)
{
    public static ConnectionString Parse(string value)
    {
        string? endpoint = null, key = null;
        foreach (var segment in value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = segment.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                continue;
            }

            var name = segment[..eq];
            if (name.Equals("endpoint", StringComparison.OrdinalIgnoreCase))
            {
                endpoint = segment[(eq + 1)..];
            }
            else if (name.Equals("accesskey", StringComparison.OrdinalIgnoreCase))
            {
                key = segment[(eq + 1)..];
            }
        }

        // The message never repeats the value: it holds the key.
        if (endpoint is null || key is null || !Uri.TryCreate(endpoint, UriKind.Absolute, out var uri))
        {
            throw new FormatException("The connection string must be 'endpoint=https://<resource>.communication.azure.com/;accesskey=<key>'.");
        }

        return new ConnectionString(uri, key);
    }

    /// <summary>No key in logs or assertion messages.</summary>
    public override string ToString() => $"endpoint={Endpoint};accesskey=***";
}
