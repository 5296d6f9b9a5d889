namespace Emulator.Hosting;

/// <summary>
/// One configuration setting as the README's Configuration table and <c>--help</c> show it. <see cref="Default"/> and
/// <see cref="Meaning"/> are the README's Markdown text; <c>--help</c> prints them without the backticks.
/// </summary>
public sealed record Setting(string Key, string? Shortcut, string Default, string Meaning);
