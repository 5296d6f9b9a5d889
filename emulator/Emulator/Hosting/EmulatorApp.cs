using System.Net;
using System.Security.Cryptography;
using Emulator.Admin;
using Emulator.Authentication;
using Emulator.Configuration;
using Emulator.Identities;
using Emulator.Infrastructure;
using Emulator.Teams;
using Emulator.Tokens;
using Emulator.Turn;
using Emulator.Versioning;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Options;

namespace Emulator.Hosting;

/// <summary>Builds and runs the emulator; shared by <c>Program</c>, the in-process test fixture and the benchmarks.</summary>
public static class EmulatorApp
{
    /// <summary>Builds the emulator. Throws <see cref="EmulatorConfigurationException"/> listing every invalid setting.</summary>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.Configuration.AddEmulatorCommandLine(args);
        configure?.Invoke(builder);

        var errors = SettingsValidator.Validate(builder.Configuration).Concat(FaultsAndState.Validate(builder.Configuration)).ToList();
        if (errors.Count > 0)
        {
            throw new EmulatorConfigurationException(errors);
        }

        builder.Services.AddEmulator(builder.Configuration);
        builder.Services.AddFaultsAndState(builder.Configuration);
        builder.WebHost.ConfigureKestrel((context, kestrel) =>
        {
            kestrel.AddServerHeader = false;
            LoadKeys(kestrel.ApplicationServices); // Kestrel may configure during Build(): a bad file must fail as a setting does.
            var server = kestrel.ApplicationServices.GetRequiredService<IOptions<ServerOptions>>().Value;
            Listen(kestrel, server.ListenAddress, server.HttpPort, null);
            if (server.HttpsPort >= 0)
            {
                var certificate = kestrel.ApplicationServices.GetRequiredService<HttpsCertificate>().Certificate;
                Listen(kestrel, server.ListenAddress, server.HttpsPort, certificate);
            }
        });

        var app = builder.Build();
        LoadKeys(app.Services);
        FaultsAndState.Start(app);

        app.UseMiddleware<UnhandledExceptionMiddleware>();
        app.UseWhen(context => !context.Request.Path.StartsWithSegments(AdminApi.Prefix), api =>
        {
            api.UseMiddleware<ServiceHeadersMiddleware>();
            api.UseMiddleware<AcsAuthenticationMiddleware>();
        });
        app.UseRouting();
        app.UseFaultsAndThrottling();
        app.UseMiddleware<ApiVersionMiddleware>();
        app.MapIdentities();
        app.MapTeams();
        app.MapTurn();
        app.MapAdmin();
        app.MapFaultsAndState();

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            app.Services.GetRequiredService<EmulatorEndpoints>().Capture(app.Services.GetRequiredService<IServer>());
            app.Services.GetRequiredService<Readiness>().MarkReady();
        });
        return app;
    }

    /// <summary>Runs the emulator until stopped (Ctrl+C, SIGTERM). Returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Contains(HealthCheckCommand.Flag))
        {
            return await HealthCheckCommand.RunAsync([.. args.Where(a => a != HealthCheckCommand.Flag)]);
        }

        WebApplication app;
        try
        {
            app = Create(args);
        }
        catch (EmulatorConfigurationException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 2;
        }

        try
        {
            await app.StartAsync();
        }
        catch (IOException ex)
        {
            await Console.Error.WriteLineAsync($"The emulator could not listen: {ex.Message} Set Server:HttpPort / Server:HttpsPort (--port / --https-port) to free ports.");
            return 3;
        }

        Banner.Write(app.Services, Console.Out);
        await app.WaitForShutdownAsync();
        return 0;
    }

    /// <summary>Loads keys and certificates now, so a bad file fails the start (naming the setting) and no request pays for it.</summary>
    private static void LoadKeys(IServiceProvider services)
    {
        var problems = new List<string>();
        Try(() => services.GetRequiredService<ResourceSettings>(), "Resource / Server:DataDirectory", problems);
        Try(() => services.GetRequiredService<SigningKeys>(), "Tokens:SigningKeyPath / Tokens:SigningKeyPassword", problems);
        if (services.GetRequiredService<IOptions<ServerOptions>>().Value.HttpsPort >= 0)
        {
            Try(() => services.GetRequiredService<HttpsCertificate>(), "Server:CertificatePath / Server:CertificateKeyPath / Server:CertificatePassword", problems);
        }

        if (problems.Count > 0)
        {
            throw new EmulatorConfigurationException(problems);
        }

        services.GetRequiredService<Jwks>();
        services.GetRequiredService<HmacAuthenticator>();
    }

    private static void Try(Func<object> load, string keys, List<string> problems)
    {
        try
        {
            load();
        }
        catch (DataDirectoryException ex)
        {
            // One damaged file can fail several loads (the certificate needs the resource): report it once.
            if (!problems.Contains(ex.Message))
            {
                problems.Add(ex.Message);
            }
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException or FormatException or ArgumentException)
        {
            problems.Add($"{keys}: could not be loaded: {ex.Message}");
        }
    }

    private static void Listen(Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions kestrel, string address, int port, System.Security.Cryptography.X509Certificates.X509Certificate2? certificate)
    {
        void Configure(Microsoft.AspNetCore.Server.Kestrel.Core.ListenOptions listen)
        {
            if (certificate is not null)
            {
                listen.UseHttps(certificate);
            }
        }

        switch (address)
        {
            case "localhost" when port == 0:
                // Kestrel cannot pick one free port for both loopbacks; IPv4 loopback is what clients resolve first.
                kestrel.Listen(IPAddress.Loopback, 0, Configure);
                break;
            case "localhost":
                kestrel.ListenLocalhost(port, Configure);
                break;
            case "*" or "+" or "0.0.0.0":
                kestrel.ListenAnyIP(port, Configure);
                break;
            default:
                kestrel.Listen(IPAddress.Parse(address), port, Configure);
                break;
        }
    }
}
