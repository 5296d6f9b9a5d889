namespace Emulator.Admin;

/// <summary>The outcome of <see cref="AdminAccess.Decide"/>.</summary>
public enum AdminAccessDecision
{
    Allowed,
    KeyMissing,
    KeyWrong,
}
