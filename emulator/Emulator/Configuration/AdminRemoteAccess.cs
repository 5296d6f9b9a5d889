namespace Emulator.Configuration;

/// <summary>Who may call the protected <c>/emulator/</c> routes from a non-loopback address (<see cref="AdminOptions.RemoteAccess"/>).</summary>
internal enum AdminRemoteAccess
{
    /// <summary>Only callers that send the access key in <c>x-emulator-access-key</c>.</summary>
    Key,

    /// <summary>Anyone who can reach the port: only on a trusted network.</summary>
    Open,
}
