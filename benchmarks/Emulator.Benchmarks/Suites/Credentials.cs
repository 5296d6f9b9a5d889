using System.Security.Cryptography;
using Emulator.Benchmarks.Http;

namespace Emulator.Benchmarks.Suites;

/// <summary>A fresh access key and resource id for each emulator the benchmark starts.</summary>
public sealed record Credentials(string AccessKey, string ResourceId)
{
    public static Credentials NewRandom() => new(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), Guid.NewGuid().ToString("D"));

    public AcsRequestSigner Signer() => new(Convert.FromBase64String(AccessKey), TimeProvider.System);
}
