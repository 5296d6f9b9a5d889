namespace Emulator.Hosting;

/// <summary>
/// One configuration setting as the README's Configuration table and <c>--help</c> show it. <see cref="Default"/> and
/// <see cref="Meaning"/> are the README's Markdown text; <c>--help</c> prints them without the backticks.
/// </summary>
internal sealed record Setting(string Key, string? Shortcut, string Default, string Meaning)
{
    /// <summary>
    /// The Section:Key names this row stands for, cut to two segments: a row may list several keys of one section
    /// (Throttling:DeleteIdentity, RevokeAccessTokens) or a prefix (Faults:Rules:N:…).
    /// </summary>
    public string[] Keys => [.. Key.Split("`, `").Select((part, i) => i == 0 ? part : $"{Key.Split(':')[0]}:{part}").Select(k => string.Join(':', k.Split(':').Take(2)))];
}
