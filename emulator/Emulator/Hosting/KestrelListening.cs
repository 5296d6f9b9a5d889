using System.Net;
using System.Security.Cryptography.X509Certificates;
using Emulator.Configuration;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Emulator.Hosting;

/// <summary>Kestrel listeners for a <see cref="ListenAddress"/>.</summary>
internal static class KestrelListening
{
    /// <summary>Listens on <paramref name="address"/> and <paramref name="port"/>, over TLS when a certificate is given.</summary>
    public static void ListenOn(this KestrelServerOptions kestrel, ListenAddress address, int port, X509Certificate2? certificate)
    {
        void Configure(ListenOptions listen)
        {
            if (certificate is not null)
            {
                listen.UseHttps(certificate);
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
