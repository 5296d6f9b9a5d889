using System.Globalization;
using System.Text;

namespace Emulator.Benchmarks.Servers;

/// <summary>The bytes the comparison servers answer: a create-identity body of exactly the emulator's shape and length.</summary>
public static class CannedIdentity
{
    public const string ContentType = "application/json; charset=utf-8";

    public const string Text = """{"identity":{"id":"8:acs:4a9b7bc4-6c5f-4f4c-9e1e-2a6f0f1d3c11_0c0ffee0-1234-4abc-8def-00000000b00c"}}""";

    public static readonly byte[] Body = Encoding.UTF8.GetBytes(Text);

    public static int Port(string[] args)
    {
        var i = Array.IndexOf(args, "--port");
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            ? port
            : throw new HarnessException("--port N is required.");
    }

    /// <summary>A child server ends when its parent closes its standard input (or dies), so none is left behind.</summary>
    public static Task ParentGone() => Task.Run(() => Console.In.ReadToEnd());
}
