using System.Diagnostics.CodeAnalysis;
using System.Net;

namespace Emulator.Configuration;

/// <summary>
/// The one reading of <see cref="ServerOptions.ListenAddress"/>, used by its validator, by Kestrel's listeners, by the
/// banner's exposure line and by <c>--health-check</c>: <c>localhost</c> (loopback, IPv4 and IPv6), <c>*</c>, <c>+</c> or
/// <c>0.0.0.0</c> (all interfaces), or any other IP address (<c>::</c> included). Names are matched exactly, as before.
/// </summary>
internal sealed class ListenAddress
{
    public const string Localhost = "localhost";

    /// <summary>What the validator tells a user who gave something else.</summary>
    public const string Accepted = "'localhost', '*', '0.0.0.0', '::' or an IP address";

    private ListenAddress(string text, ListenAddressKind kind, IPAddress? address)
    {
        Text = text;
        Kind = kind;
        Address = address;
    }

    /// <summary>The setting as written.</summary>
    public string Text { get; }

    public ListenAddressKind Kind { get; }

    /// <summary>The address, for <see cref="ListenAddressKind.Address"/>.</summary>
    public IPAddress? Address { get; }

    /// <summary>Whether only this machine can connect (<c>localhost</c>, <c>127.x</c>, <c>::1</c>).</summary>
    public bool IsLoopbackOnly => Kind == ListenAddressKind.Localhost || (Address is not null && IPAddress.IsLoopback(Address));

    /// <summary>Where a client on this machine reaches the server: the address itself, or IPv4 loopback for localhost and wildcards.</summary>
    public IPAddress LocalAddress => Address is not null && !Address.Equals(IPAddress.Any) && !Address.Equals(IPAddress.IPv6Any) ? Address : IPAddress.Loopback;

    public static bool TryParse(string? text, [NotNullWhen(true)] out ListenAddress? address)
    {
        address = text switch
        {
            null => null,
            Localhost => new ListenAddress(text, ListenAddressKind.Localhost, null),
            "*" or "+" or "0.0.0.0" => new ListenAddress(text, ListenAddressKind.AllInterfaces, null),
            _ when IPAddress.TryParse(text, out var ip) => new ListenAddress(text, ListenAddressKind.Address, ip),
            _ => null,
        };
        return address is not null;
    }

    /// <summary>Parses a validated setting; throws <see cref="FormatException"/> for anything else.</summary>
    public static ListenAddress Parse(string text)
        => TryParse(text, out var address) ? address : throw new FormatException($"{ServerOptions.ListenAddressKey} '{text}' is invalid: use {Accepted}.");

    public override string ToString() => Text;
}

/// <summary>The three forms of <see cref="ListenAddress"/>.</summary>
internal enum ListenAddressKind
{
    /// <summary><c>localhost</c>: IPv4 and IPv6 loopback.</summary>
    Localhost,

    /// <summary><c>*</c>, <c>+</c>, <c>0.0.0.0</c>: every interface.</summary>
    AllInterfaces,

    /// <summary>One IP address (<c>::</c> is the IPv6 wildcard).</summary>
    Address,
}
