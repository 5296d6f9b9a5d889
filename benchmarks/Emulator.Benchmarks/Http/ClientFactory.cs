using System.Net;

namespace Emulator.Benchmarks.Http;

/// <summary>One HTTP/1.1 client per measured point, with as many keep-alive connections as workers.</summary>
public static class ClientFactory
{
    public static HttpMessageInvoker Create(int connections) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = connections,
        UseProxy = false,
        UseCookies = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        ConnectTimeout = TimeSpan.FromSeconds(5),
    }, disposeHandler: true);
}
