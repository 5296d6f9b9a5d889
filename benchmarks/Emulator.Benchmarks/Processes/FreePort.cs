using System.Net;
using System.Net.Sockets;

namespace Emulator.Benchmarks.Processes;

/// <summary>A loopback port that was free a moment ago (the child binds it right after).</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
