using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Emulator.Configuration;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace Emulator.Hosting;

/// <summary>Kestrel listeners for a <see cref="ListenAddress"/>.</summary>
internal static class KestrelListening
{
    /// <summary>Listens on <paramref name="address"/> and <paramref name="port"/>, over TLS when a certificate is given.</summary>
    public static void ListenOn(this KestrelServerOptions kestrel, ListenAddress address, int port, X509Certificate2? certificate)
    {
        // Given the certificate itself, Kestrel builds its chain while it sets up the listener, and on Linux that reads
        // every trusted root of the system: about 140 ms of CPU, more than the AOT build needs for everything else on the
        // way to ready. The chain is built once the host has started instead, on a thread of its own (the pool has one
        // thread per core at start-up); a TLS handshake that comes first waits for it. ALPN stays Kestrel's.
        var context = certificate is null
            ? null
            : new Lazy<Task<SslStreamCertificateContext>>(() => Task.Factory.StartNew(
                () => SslStreamCertificateContext.Create(certificate, additionalCertificates: null),
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default));
        if (context is not null)
        {
            kestrel.ApplicationServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStarted.Register(() => _ = context.Value);
        }

        void Configure(ListenOptions listen)
        {
            if (context is not null)
            {
                listen.UseHttps(new TlsHandshakeCallbackOptions
                {
                    OnConnection = async _ => new SslServerAuthenticationOptions { ServerCertificateContext = await context.Value.ConfigureAwait(false) },
                });
            }
        }

        switch (address.Kind)
        {
            case ListenAddressKind.Localhost when port == 0:
                // Kestrel cannot pick one free port for both loopbacks; IPv4 loopback is what clients resolve first.
                kestrel.Listen(IPAddress.Loopback, 0, Configure);
                break;
            case ListenAddressKind.Localhost:
                kestrel.ListenLocalhost(port, Configure);
                break;
            case ListenAddressKind.AllInterfaces:
                kestrel.ListenAnyIP(port, Configure);
                break;
            default:
                kestrel.Listen(address.Address!, port, Configure);
                break;
        }
    }
}
