using System.Text;
using Emulator.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Emulator.Tests.Hardening;

/// <summary>
/// The emulator on a real Kestrel server on a free loopback port, as users run it: the in-memory test server does not
/// reproduce Kestrel's framing (chunked bodies, its body size limit, header validation).
/// </summary>
public sealed class KestrelEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;

    private KestrelEmulator(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary><c>host:port</c>, as sent in the Host header and signed.</summary>
    public string Authority => $"{BaseAddress.Host}:{BaseAddress.Port}";

    public IServiceProvider Services => _app.Services;

    public static async Task<KestrelEmulator> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Server:HttpPort"] = "0",
            ["Server:HttpsPort"] = "-1",
            ["Server:ListenAddress"] = "127.0.0.1",
            ["Server:DataDirectory"] = "none",
            ["Resource:AccessKey"] = EmulatorFactory.AccessKey,
            ["Resource:Id"] = EmulatorFactory.ResourceId,
            ["Resource:Location"] = "unitedstates",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var app = EmulatorApp.Create([], builder => builder.Configuration.AddInMemoryCollection(all));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new KestrelEmulator(app, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>A client whose headers may carry any byte 0x00–0xFF except CR and LF (Latin-1), to send what SDKs never would.</summary>
    public HttpClient CreateClient(bool withHmac)
    {
        var sockets = new SocketsHttpHandler
        {
            RequestHeaderEncodingSelector = (_, _) => Encoding.Latin1,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AllowAutoRedirect = false,
        };
        HttpMessageHandler handler = withHmac
            ? new HmacSigningHandler(EmulatorFactory.AccessKey, TimeProvider.System, HmacSigner.DateHeader) { InnerHandler = sockets }
            : sockets;
        return new HttpClient(handler) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>The HMAC-SHA256 headers the SDKs send, for requests written byte by byte.</summary>
    public string SignatureHeaders(string method, string pathAndQuery, ReadOnlySpan<byte> body)
    {
        var signed = HmacSigner.SignTarget(Convert.FromBase64String(EmulatorFactory.AccessKey), method, pathAndQuery, Authority, body, TimeProvider.System.GetUtcNow());
        return $"{signed.DateHeader}: {signed.Date}\r\n{HmacSigner.ContentHashHeader}: {signed.ContentHash}\r\nAuthorization: {signed.Authorization}\r\n";
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
