using Emulator.Configuration;
using Emulator.Versioning;

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
        output.WriteLine("Node.js SDK over http: pass { allowInsecureConnection: true } to CommunicationIdentityClient.");
        output.WriteLine();
        output.Flush();
    }
}
