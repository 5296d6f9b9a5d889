using System.Security.Cryptography;
using Emulator.Admin;
using Emulator.Authentication;
using Emulator.Configuration;
using Emulator.Dashboard;
using Emulator.Faults;
using Emulator.Identities;
using Emulator.Infrastructure;
using Emulator.Journal;
using Emulator.Snapshots;
using Emulator.Teams;
using Emulator.Throttling;
using Emulator.Tokens;
using Emulator.Turn;
using Emulator.Versioning;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Options;

namespace Emulator.Hosting;

/// <summary>Builds and runs the emulator; shared by <c>Program</c>, the in-process test fixture and the benchmarks.</summary>
internal static class EmulatorApp
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

        var errors = EmulatorServices.Validate(builder.Configuration).ToList();
        if (errors.Count > 0)
        {
            throw new EmulatorConfigurationException(errors);
        }

        builder.Services.AddEmulator(builder.Configuration);
        builder.WebHost.ConfigureKestrel((context, kestrel) =>
        {
            kestrel.AddServerHeader = false;
            LoadKeys(kestrel.ApplicationServices); // Kestrel may configure during Build(): a bad file must fail as a setting does.
            var server = kestrel.ApplicationServices.GetRequiredService<IOptions<ServerOptions>>().Value;
            kestrel.Limits.MaxRequestBodySize = Math.Max(server.MaxRequestBodyBytes, server.MaxAdminRequestBodyBytes); // each route lowers it to its own
            Listen(kestrel, server.ListenAddress, server.HttpPort, null);
            if (server.HttpsPort >= 0)
            {
                var certificate = kestrel.ApplicationServices.GetRequiredService<HttpsCertificate>().Certificate;
                Listen(kestrel, server.ListenAddress, server.HttpsPort, certificate);
            }
        });

        var app = builder.Build();
        LoadKeys(app.Services);
        SnapshotsFeature.Start(app.Services, app.Lifetime);
        UsePipeline(app);
        MapEndpoints(app);

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            app.Services.GetRequiredService<BoundUrls>().Capture(app.Services.GetRequiredService<IServer>());
            app.Services.GetRequiredService<SigningKeyProvider>().WhenReady(app.Services.GetRequiredService<Readiness>().MarkReady);
        });
        return app;
    }

    /// <summary>
    /// The middleware, in order. Routing comes first, so each later stage knows the request's surface from its endpoint
    /// (<see cref="ApiSurface.IsEmulated"/>); the entry checks (admin access, body, authentication) answer before any
    /// operation-level check, so a wrongly signed request gets its 401 whatever else is wrong with it.
    /// </summary>
    private static void UsePipeline(WebApplication app)
    {
        app.UseRequestJournal();
        app.UseMiddleware<UnhandledExceptionMiddleware>();
        app.UseRouting();
        app.UseAdminAccess();
        app.UseMiddleware<SigningKeyGate>();
        app.UseWhen(ApiSurface.IsEmulated, api => api.UseMiddleware<ServiceHeadersMiddleware>());
        app.UseMiddleware<RequestBodyMiddleware>();
        app.UseWhen(ApiSurface.IsEmulated, api => api.UseAcsAuthentication());
        app.UseEntryChecksPassed();
        app.UseStatePersistence();
        app.UseWhen(ApiSurface.IsEmulated, api => api.UseFaults().UseThrottling());
        app.UseApiVersioning();
    }

    /// <summary>The emulated API is one route group (<see cref="ApiSurface.MapEmulatedApi"/>); the emulator's own endpoints live under <c>/emulator</c>.</summary>
    private static void MapEndpoints(WebApplication app)
    {
        var acs = app.MapEmulatedApi();
        acs.MapIdentities();
        acs.MapTeams();
        acs.MapTurn();

        app.MapAdmin();
        app.MapFaults();
        app.MapThrottling();
        app.MapSnapshots();
        app.MapJournal();
        app.MapDashboard();
    }

    /// <summary>Runs the emulator until stopped (Ctrl+C, SIGTERM). Returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var command = CommandLine.Parse(args);
        switch (command)
        {
            case { Error: { } error }:
                await Console.Error.WriteLineAsync(error);
                return 2;
            case { Command: CommandLineCommand.Help }:
                await Console.Out.WriteAsync(CommandLine.HelpText());
                return 0;
            case { Command: CommandLineCommand.Version }:
                await Console.Out.WriteLineAsync(CommandLine.Version);
                return 0;
            case { Command: CommandLineCommand.HealthCheck }:
                return await HealthCheckCommand.RunAsync(command.Arguments);
        }

        WebApplication app;
        try
        {
            // A port in use is reported below in one line; the host would log it again with its stack trace.
            app = Create(command.Arguments, builder => builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical));
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
            await Console.Error.WriteLineAsync($"The emulator could not listen: {ex.Message} Set {ServerOptions.HttpPortKey} / {ServerOptions.HttpsPortKey} (--port / --https-port) to free ports.");
            return 2;
        }

        Banner.Write(app.Services, Console.Out);
        StdinWatch.StopAtEndOfInput(app);
        await app.WaitForShutdownAsync();
        return app.Services.GetRequiredService<SigningKeyProvider>().Failed ? 2 : 0;
    }

    /// <summary>Loads keys and certificates now, so a bad file fails the start (naming the setting) and no request pays for it.</summary>
    private static void LoadKeys(IServiceProvider services)
    {
        var problems = new List<string>();
        Try(() => services.GetRequiredService<ResourceSettings>(), $"{ResourceOptions.SectionName} / {ServerOptions.DataDirectoryKey}", problems);
        Try(() => StartSigningKeys(services), $"{TokenOptions.SigningKeyPathKey} / {TokenOptions.SigningKeyPasswordKey}", problems);
        if (services.GetRequiredService<IOptions<ServerOptions>>().Value.HttpsPort >= 0)
        {
            Try(() => services.GetRequiredService<HttpsCertificate>(), $"{ServerOptions.CertificatePathKey} / {ServerOptions.CertificateKeyPathKey} / {ServerOptions.CertificatePasswordKey}", problems);
        }

        if (problems.Count > 0)
        {
            throw new EmulatorConfigurationException(problems);
        }

        services.GetRequiredService<HmacAuthenticator>();
    }

    /// <summary>Loads the signing key, or starts generating it in the background (<see cref="SigningKeyProvider"/>).</summary>
    private static SigningKeyProvider StartSigningKeys(IServiceProvider services)
    {
        var provider = services.GetRequiredService<SigningKeyProvider>();
        provider.Start(services.GetRequiredService<IHostApplicationLifetime>(), _ => services.GetRequiredService<Jwks>());
        return provider;
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
        => kestrel.ListenOn(ListenAddress.Parse(address), port, certificate);
}
