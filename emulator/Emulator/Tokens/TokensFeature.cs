using Emulator.Configuration;
using Microsoft.Extensions.Options;

namespace Emulator.Tokens;

/// <summary>Registers the signing key and the token signer (section <c>Tokens</c>).</summary>
internal static class TokensFeature
{
    public static IServiceCollection AddTokens(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<TokenOptions>(configuration.GetSection(TokenOptions.SectionName));
        services.AddSingleton(sp => new SigningKeyProvider(
            sp.GetRequiredService<IOptions<TokenOptions>>().Value, sp.GetRequiredService<Infrastructure.DataDirectory>(), sp.GetRequiredService<ILogger<SigningKeyProvider>>()));
        services.AddSingleton(sp => sp.GetRequiredService<SigningKeyProvider>().Value);
        services.AddSingleton<TokenSigner>();
        return services;
    }
}
