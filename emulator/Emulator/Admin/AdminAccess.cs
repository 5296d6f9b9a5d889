using System.Net;
using System.Security.Cryptography;
using System.Text;
using Emulator.Configuration;

namespace Emulator.Admin;

/// <summary>
/// Who may call which <c>/emulator/</c> route. Loopback callers (and in-process test hosts, which have no remote
/// address) may call everything, as before. From any other address only the routes a container health check, a
/// certificate download or a token verifier need are open; the rest (the access key in <c>/emulator/info</c>, reset,
/// clock, identities, and any route added later) needs the access key in <see cref="KeyHeader"/>, unless
/// <see cref="AdminOptions.RemoteAccess"/> is <see cref="AdminRemoteAccess.Open"/>. Forwarding headers are not
/// trusted: the address is the TCP peer's.
/// </summary>
internal static class AdminAccess
{
    public const string KeyHeader = "x-emulator-access-key";

    private static readonly string[] OpenReads = ["/health/live", "/health/ready", "/certificate", "/jwks", "/.well-known/openid-configuration"];

    private const string Validate = "/tokens/validate";

    /// <summary>Whether a request for <paramref name="path"/> (below <see cref="AdminApi.Prefix"/>) from <paramref name="remote"/> may go on.</summary>
    public static AdminAccessDecision Decide(string method, string path, IPAddress? remote, string? presentedKey, AdminRemoteAccess policy, string accessKey)
    {
        if (remote is null || IPAddress.IsLoopback(remote) || (remote.IsIPv4MappedToIPv6 && IPAddress.IsLoopback(remote.MapToIPv4()))
            || policy == AdminRemoteAccess.Open || IsOpen(method, path))
        {
            return AdminAccessDecision.Allowed;
        }

        if (string.IsNullOrEmpty(presentedKey))
        {
            return AdminAccessDecision.KeyMissing;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presentedKey), Encoding.UTF8.GetBytes(accessKey))
            ? AdminAccessDecision.Allowed
            : AdminAccessDecision.KeyWrong;
    }

    /// <summary>The routes anyone who can reach the port may call: health, certificate, JWKS, discovery, token validation.</summary>
    public static bool IsOpen(string method, string path)
    {
        var route = path.Length > 1 ? path.TrimEnd('/') : path;
        return (HttpMethods.IsGet(method) || HttpMethods.IsHead(method)) && OpenReads.Any(r => string.Equals(route, r, StringComparison.OrdinalIgnoreCase))
            || HttpMethods.IsPost(method) && string.Equals(route, Validate, StringComparison.OrdinalIgnoreCase);
    }
}
