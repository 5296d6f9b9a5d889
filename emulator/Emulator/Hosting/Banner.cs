using Emulator.Admin;
using Emulator.Configuration;
using Emulator.Infrastructure;
using Emulator.Versioning;
using Microsoft.Extensions.Options;

namespace Emulator.Hosting;

/// <summary>The start-up banner: ready-to-paste connection strings and how to trust the certificate.</summary>
internal static class Banner
{
    public static void Write(IServiceProvider services, TextWriter output)
    {
        var resource = services.GetRequiredService<ResourceSettings>();
        var urls = services.GetRequiredService<BoundUrls>();
        var data = services.GetRequiredService<DataDirectory>();
        var admin = $"{(urls.Http ?? urls.Https)?.TrimEnd('/')}{AdminApi.Prefix}";

        output.WriteLine();
        output.WriteLine("ACS Identity emulator is ready.");
        output.WriteLine($"  Resource id:   {resource.ResourceId} ({resource.Location})");
        output.WriteLine($"  Access key:    {(resource.AccessKeyGenerated ? "generated" : "configured")}{(data.Path is null ? string.Empty : $"; generated files in {data.Path}")}");
        output.WriteLine($"  api-versions:  {ApiVersions.All[0].Name} … {ApiVersions.Latest.Name}");
        output.WriteLine();
        if (urls.Http is not null)
        {
            output.WriteLine("Connection string (http):");
            output.WriteLine($"  {urls.ConnectionString(urls.Http)}");
        }

        if (urls.Https is not null)
        {
            output.WriteLine("Connection string (https):");
            output.WriteLine($"  {urls.ConnectionString(urls.Https)}");
            output.WriteLine();
            output.WriteLine("Trust the HTTPS certificate:");
            output.WriteLine($"  curl -s {admin}/certificate -o acs-emulator.pem");
            output.WriteLine("  Node.js: NODE_EXTRA_CA_CERTS=acs-emulator.pem   Linux: sudo cp acs-emulator.pem /usr/local/share/ca-certificates/acs-emulator.crt && sudo update-ca-certificates");
        }

        output.WriteLine();
        output.WriteLine($"Dashboard:          {admin}/ui");
        output.WriteLine($"Emulator endpoints: {admin}/info (health, reset, identities, clock, token validation, JWKS)");
        output.WriteLine(Exposure(services.GetRequiredService<IOptions<ServerOptions>>().Value.ListenAddress, services.GetRequiredService<IOptions<AdminOptions>>().Value.RemoteAccess));
        output.WriteLine("Node.js SDK over http: pass { allowInsecureConnection: true } to CommunicationIdentityClient.");
        output.WriteLine();
        output.Flush();
    }

    /// <summary>What other hosts can reach, and how to reach the protected admin routes from one.</summary>
    public static string Exposure(string listenAddress, AdminRemoteAccess remoteAccess)
    {
        var prefix = AdminApi.Prefix + "/";
        if (ListenAddress.TryParse(listenAddress, out var address) && address.IsLoopbackOnly)
        {
            return $"Exposure: listening on loopback only ({listenAddress}); every {prefix} route answers local callers.";
        }

        return remoteAccess == AdminRemoteAccess.Open
            ? $"WARNING: listening on {listenAddress} with {AdminOptions.RemoteAccessKey}=Open: anyone who can reach these ports can read the access key at {AdminApi.Prefix}/info and reset the emulator."
            : $"Exposure: listening on {listenAddress}. Other hosts reach the API (with the access key) and {prefix} health, certificate, jwks, "
                + $"discovery and tokens/validate; the other {prefix} routes (info, reset, clock, identities) need the header {AdminAccess.KeyHeader}: <access key> "
                + "(or --admin-remote Open on a trusted network).";
    }
}
