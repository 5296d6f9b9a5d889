namespace Emulator.ContractTests.Infrastructure;

/// <summary>What <see cref="HmacSigner.Sign"/> produces: the headers of a signed request.</summary>
public sealed record SignedHeaders(string DateHeader, string Date, string Host, string ContentHash, string Authorization);
