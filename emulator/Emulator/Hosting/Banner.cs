using System.Net;
using Emulator.Admin;
using Emulator.Configuration;
using Emulator.Versioning;
using Microsoft.Extensions.Options;

namespace Emulator.Hosting;

/// <summary>The start-up banner: ready-to-paste connection strings and how to trust the certificate.</summary>
public static class Banner
{
    public static void Write(IServiceProvider services, TextWriter output)
    {
        var resource = services.GetRequiredService<ResourceSettings>();
        var endpoints = services.GetRequiredService<EmulatorEndpoints>();
        var data = services.GetRequiredService<DataDirectory>();
        var admin = endpoints.Http ?? endpoints.Https;

        output.WriteLine();
        output.WriteLine("ACS Identity emulator is ready.");
        output.WriteLine($"  Resource id:   {resource.ResourceId} ({resource.Location})");
        output.WriteLine($"  Access key:    {(resource.AccessKeyGenerated ? "generated" : "configured")}{(data.Path is null ? string.Empty : $"; generated files in {data.Path}")}");
        output.WriteLine($"  api-versions:  {ApiVersions.All[0].Name} … {ApiVersions.Latest.Name}");
        output.WriteLine();
        if (endpoints.Http is not null)
        {
            output.WriteLine("Connection string (http):");
            output.WriteLine($"  {endpoints.ConnectionString(endpoints.Http)}");
        }

        if (endpoints.Https is not null)
        {
            output.WriteLine("Connection string (https):");
            output.WriteLine($"  {endpoints.ConnectionString(endpoints.Https)}");
            output.WriteLine();
            output.WriteLine("Trust the HTTPS certificate:");
            output.WriteLine($"  curl -s {admin}emulator/certificate -o acs-emulator.pem");
            output.WriteLine("  Node.js: NODE_EXTRA_CA_CERTS=acs-emulator.pem   Linux: sudo cp acs-emulator.pem /usr/local/share/ca-certificates/acs-emulator.crt && sudo update-ca-certificates");
        }

        output.WriteLine();
        output.WriteLine($"Dashboard:          {admin}emulator/ui");
        output.WriteLine($"Emulator endpoints: {admin}emulator/info (health, reset, identities, clock, token validation, JWKS)");
        output.WriteLine(Exposure(services.GetRequiredService<IOptions<ServerOptions>>().Value.ListenAddress, services.GetRequiredService<IOptions<AdminOptions>>().Value.RemoteAccess));
        output.WriteLine("Node.js SDK over http: pass { allowInsecureConnection: true } to CommunicationIdentityClient.");
        output.WriteLine();
        output.Flush();
    }

    /// <summary>What other hosts can reach, and how to reach the protected admin routes from one.</summary>
    public static string Exposure(string listenAddress, AdminRemoteAccess remoteAccess)
    {
        var loopbackOnly = listenAddress == "localhost" || (IPAddress.TryParse(listenAddress, out var ip) && IPAddress.IsLoopback(ip));
        if (loopbackOnly)
        {
            return $"Exposure: listening on loopback only ({listenAddress}); every /emulator/ route answers local callers.";
        }

        return remoteAccess == AdminRemoteAccess.Open
            ? $"WARNING: listening on {listenAddress} with Admin:RemoteAccess=Open: anyone who can reach these ports can read the access key at /emulator/info and reset the emulator."
            : $"Exposure: listening on {listenAddress}. Other hosts reach the API (with the access key) and /emulator/ health, certificate, jwks, "
                + $"discovery and tokens/validate; the other /emulator/ routes (info, reset, clock, identities) need the header {AdminAccess.KeyHeader}: <access key> "
                + "(or --admin-remote Open on a trusted network).";
    }
}
