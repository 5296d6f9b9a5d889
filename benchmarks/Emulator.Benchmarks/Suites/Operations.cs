namespace Emulator.Benchmarks.Suites;

/// <summary>Names of the measured operations, as the tables show them.</summary>
public static class Operations
{
    public const string Create = "create identity";
    public const string CreateWithToken = "create identity with token";
    public const string Issue = "issue token";
    public const string Revoke = "revoke tokens";
    public const string Delete = "delete identity";
    public const string Lifecycle = "lifecycle mix (create, issue, revoke, delete)";
}
