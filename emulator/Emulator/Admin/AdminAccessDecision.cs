namespace Emulator.Admin;

/// <summary>The outcome of <see cref="AdminAccess.Decide"/>.</summary>
internal enum AdminAccessDecision
{
    Allowed,
    KeyMissing,
    KeyWrong,
}
