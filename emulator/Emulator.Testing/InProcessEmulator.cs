using System.Security.Cryptography.X509Certificates;
using Emulator.Admin;
using Emulator.Configuration;
using Emulator.Hosting;
using Emulator.Identities;
using Emulator.Infrastructure;
using Emulator.Tokens;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Emulator.Testing;

/// <summary><see cref="AcsIdentityEmulatorMode.InProcess"/>: the emulator's host in the test process, driven through its services.</summary>
internal sealed class InProcessEmulator : IEmulatorBackend
{
    /// <summary>Clock skew (minutes) allowed for signed requests when a custom <see cref="TimeProvider"/> drives the emulator.</summary>
    private const string WideClockSkewMinutes = "1440";

    private readonly WebApplication _app;
    private readonly EmulatorClock _clock;
    private readonly EmulatorReset _reset;
    private readonly HttpsCertificate? _certificate;

    private InProcessEmulator(WebApplication app, bool https)
    {
        _app = app;
        _clock = app.Services.GetRequiredService<EmulatorClock>();
        _reset = app.Services.GetRequiredService<EmulatorReset>();
        var endpoints = app.Services.GetRequiredService<BoundUrls>();
        Endpoints = endpoints;
        Resource = app.Services.GetRequiredService<ResourceSettings>();
        if (https && endpoints.Https is not null)
        {
            _certificate = app.Services.GetRequiredService<HttpsCertificate>();
        }
    }

    public BoundUrls Endpoints { get; }

    public ResourceSettings Resource { get; }

    /// <summary>Whether the emulator serves https (and so has a certificate).</summary>
    public bool Https => _certificate is not null;

    public X509Certificate2? Certificate => _certificate?.Certificate;

    public string? CertificatePem => _certificate?.Pem;

    public DateTimeOffset Now => _clock.GetUtcNow();

    public TimeSpan ClockOffset => _clock.Offset;

    public IServiceProvider Services => _app.Services;

    public static async Task<InProcessEmulator> StartAsync(AcsIdentityEmulatorOptions options, CancellationToken cancellationToken)
    {
        var keyCache = FixtureSettings.KeyCacheDirectory(options);
        var cachedKey = keyCache is null ? null : SigningKeyCache.TryFind(keyCache);
        var app = EmulatorApp.Create([], builder => Configure(builder, options, cachedKey));
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var keys = app.Services.GetRequiredService<SigningKeyProvider>();
            if (keyCache is not null && cachedKey is null && keys.Generates)
            {
                SigningKeyCache.SaveInBackground(keyCache, keys.Keys);
            }

            return new InProcessEmulator(app, options.EnableHttps);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public void Reset() => _reset.Reset(); // the same reset as POST /emulator/reset

    public ValueTask ResetAsync()
    {
        Reset();
        return ValueTask.CompletedTask;
    }

    public void AdvanceClock(TimeSpan by) => _clock.Advance(by);

    public void SetClockOffset(TimeSpan offset) => _clock.SetOffset(offset);

    public TokenValidationResult ValidateToken(string token) => TokenValidationResult.From(_app.Services.GetRequiredService<TokenValidator>().Validate(token));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static void Configure(WebApplicationBuilder builder, AcsIdentityEmulatorOptions options, string? cachedKey)
    {
        var modeSettings = new List<KeyValuePair<string, string?>>();
        if (options.TimeProvider is { } time)
        {
            // The caller signs with the real time while the emulator lives by the injected clock: widen the window.
            modeSettings.Add(new("Authentication:ClockSkewMinutes", WideClockSkewMinutes));
            builder.Services.AddSingleton(time);
        }

        var settings = FixtureSettings.From(options, cachedKey, modeSettings);
        builder.Configuration.AddInMemoryCollection(settings.Where(s => s.Value is not null));
        builder.Logging.ClearProviders();
        options.Logging?.Invoke(builder.Logging);
        options.ConfigureBuilder?.Invoke(builder);
    }
}
