using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Emulator.Configuration;
using Emulator.Tokens;

namespace Emulator.Benchmarks.Suites;

/// <summary>
/// The physical limit of token issuance on this machine: <c>RSA.SignData</c> with a 2048-bit key (the platform's
/// OpenSSL, as the emulator uses), on one thread and on every core. Also the emulator's <see cref="TokenSigner"/>
/// called directly, which separates the JWT's own cost from HTTP and authentication. Each rate is the best of three
/// windows, which makes the ratio "issue token over HTTP / raw signing" conservative.
/// </summary>
public static class RsaBaseline
{
    private static readonly string[] ChatScope = ["chat"];

    public static RsaResult Run(TimeSpan duration)
    {
        using var rsa = RSA.Create(2048);
        // A JWT signing input of the emulator's size: header and payload of a chat token, base64url.
        var data = Encoding.ASCII.GetBytes(new string('e', 620));
        var sign = () => rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var threads = Environment.ProcessorCount;
        Rate(sign, TimeSpan.FromMilliseconds(300), 1);
        var single = Rate(sign, duration, 1);
        var parallel = Rate(sign, duration, threads);

        var issuer = Issuer(rsa);
        long sequence = 0;
        var skypeId = $"acs:{Guid.NewGuid():D}_{Guid.NewGuid():D}";
        var issue = () =>
        {
            var now = TimeProvider.System.GetUtcNow();
            return issuer.Sign(skypeId, ChatScope, now, now.AddDays(1), Interlocked.Increment(ref sequence));
        };
        Rate(issue, TimeSpan.FromMilliseconds(300), 1);
        var issuerSingle = Rate(issue, duration, 1);
        var issuerParallel = Rate(issue, duration, threads);

        var keygen = new double[5];
        for (var i = 0; i < keygen.Length; i++)
        {
            var watch = Stopwatch.StartNew();
            using var key = RSA.Create(2048);
            key.ExportParameters(includePrivateParameters: true);
            keygen[i] = watch.Elapsed.TotalMilliseconds;
        }

        return new RsaResult(threads, single, parallel, issuerSingle, issuerParallel, StartupSuite.Median(keygen), data.Length);
    }

    private static TokenSigner Issuer(RSA rsa)
    {
        var request = new CertificateRequest("CN=benchmark", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var now = TimeProvider.System.GetUtcNow();
        using var created = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));
        var certificate = X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.Exportable);
        var resource = new ResourceSettings(Guid.NewGuid().ToString("D"), Convert.ToBase64String(new byte[32]), "unitedstates", "amer", "localhost", false);
        return new TokenSigner(new SigningKeys(certificate), resource);
    }

    /// <summary>The best of three windows: on a shared machine the least disturbed one is closest to the limit.</summary>
    private static double Rate<T>(Func<T> operation, TimeSpan duration, int threads)
    {
        var window = duration / 3;
        return Math.Max(Window(operation, window, threads), Math.Max(Window(operation, window, threads), Window(operation, window, threads)));
    }

    private static double Window<T>(Func<T> operation, TimeSpan duration, int threads)
    {
        var counts = new long[threads];
        var watch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            long n = 0;
            while (watch.Elapsed < duration)
            {
                operation();
                n++;
            }

            counts[t] = n;
        })).ToArray();
        foreach (var worker in workers)
        {
            worker.Start();
        }

        foreach (var worker in workers)
        {
            worker.Join();
        }

        return counts.Sum() / watch.Elapsed.TotalSeconds;
    }
}
