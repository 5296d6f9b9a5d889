using Emulator.Identities;
using Emulator.Infrastructure;
using Emulator.Teams;

namespace Emulator.Admin;

/// <summary>
/// The one reset of the emulator's state, used by <c>POST /emulator/reset</c> and the test fixture's <c>Reset()</c>:
/// forgets every identity, revocation and Teams-extension assignment and sets the clock offset back to zero. Fault
/// rules, throttling windows and the request journal are configuration of the test, not state, and stay.
/// </summary>
internal sealed class EmulatorReset(IdentityStore identities, AssignmentStore assignments, EmulatorClock clock)
{
    public void Reset()
    {
        identities.Clear();
        assignments.Clear();
        clock.SetOffset(TimeSpan.Zero);
    }
}
