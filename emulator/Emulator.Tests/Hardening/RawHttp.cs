using System.Net.Sockets;
using System.Text;

namespace Emulator.Tests.Hardening;

/// <summary>HTTP/1.1 written byte by byte over a socket, for what no HTTP client sends (bad chunk framing, raw header bytes).</summary>
public static class RawHttp
{
    public sealed record Response(int Status, string Head, string Body)
    {
        public bool HasHeader(string name) => Head.Split("\r\n").Any(l => l.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// Sends <paramref name="request"/> (head and body as they go on the wire; it should say <c>Connection: close</c>
    /// unless the server will close anyway) and reads the response until the server closes.
    /// </summary>
    public static async Task<Response> SendAsync(Uri server, byte[] request, CancellationToken cancellationToken = default)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port, cancellationToken);
        var stream = client.GetStream();
        await stream.WriteAsync(request, cancellationToken);
        return await ReadAsync(stream, cancellationToken);
    }

    public static async Task<Response> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var received = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        try
        {
            while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
            {
                received.Write(buffer, 0, read);
            }
        }
        catch (IOException) when (received.Length > 0)
        {
            // The server reset the connection after answering (it had not read the whole request).
        }

        return Parse(Encoding.Latin1.GetString(received.ToArray()));
    }

    public static Response Parse(string text)
    {
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        Assert.True(end > 0, $"No HTTP response head in: {text}");
        var head = text[..end];
        var status = int.Parse(head.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        return new Response(status, head, text[(end + 4)..]);
    }

    public static byte[] Bytes(string latin1) => Encoding.Latin1.GetBytes(latin1);
}
