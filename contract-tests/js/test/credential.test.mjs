// AzureCommunicationTokenCredential (@azure/communication-common 2.4.2) with tokens from the target.
// Near-expiry tokens are made with the emulator's clock control instead of waiting: while the emulated clock
// is set back by (lifetime - a few seconds), a freshly issued token's exp is only seconds from real now.
import { describe, it, before, after, afterEach } from "node:test";
import assert from "node:assert/strict";
import { AzureCommunicationTokenCredential } from "@azure/communication-common";
import { suiteFor, targets, userTracker } from "../lib/targets.mjs";
import { decodeJwt } from "../lib/jwt.mjs";
import { assertClose, safe } from "../lib/assertions.mjs";

const withTimeout = (promise, ms, what) =>
  Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms).unref())]);

for (const target of await targets()) {
  suiteFor(target, `AzureCommunicationTokenCredential`, () => {
    let client;
    let users;
    let user;
    before(async () => {
      client = target.identityClient();
      users = userTracker(() => target.identityClient());
      user = users.add(await safe(client.createUser()));
    });
    after(() => users?.cleanup());
    afterEach(async () => {
      if (target.isEmulator) await target.admin.resetClock();
    });

    /** Issues a 60-minute token whose exp is `secondsLeft` seconds from real now (negative: already expired). */
    const tokenExpiringIn = async (secondsLeft) => {
      await target.admin.setClockOffset(-(3600 - secondsLeft));
      try {
        return await safe(client.getToken(user, ["chat"], { tokenExpiresInMinutes: 60 }));
      } finally {
        await target.admin.resetClock();
      }
    };

    it("accepts a token of the target and reports its expiry", async () => {
      const issued = await safe(client.getToken(user, ["chat", "voip"]));
      const credential = new AzureCommunicationTokenCredential(issued.token);
      const access = await credential.getToken();
      assert.ok(access.token === issued.token, "the credential hands out the token it was given");
      assert.equal(access.expiresOnTimestamp, decodeJwt(issued.token).payload.exp * 1000);
      assertClose(access.expiresOnTimestamp, issued.expiresOn.getTime(), 1000, "credential expiry vs expiresOn");
      credential.dispose();
      await assert.rejects(credential.getToken(), /disposed/);
    });

    it("reports a 60-minute token's expiry", async () => {
      const before = Date.now();
      const issued = await safe(client.getToken(user, ["voip"], { tokenExpiresInMinutes: 60 }));
      const credential = new AzureCommunicationTokenCredential(issued.token);
      const access = await credential.getToken();
      assertClose(access.expiresOnTimestamp, before + 3600_000, target.toleranceMs, "credential expiry vs now + 60 min");
      credential.dispose();
    });

    it("the emulator clock control issues a token that is close to expiry", async (t) => {
      if (target.emulatorOnly(t, "clock control")) return;
      const clock = await target.admin.setClockOffset(-(3600 - 30));
      assert.equal(clock.offsetSeconds, -(3600 - 30));
      await target.admin.resetClock();
      const issued = await tokenExpiringIn(30);
      assertClose(decodeJwt(issued.token).payload.exp * 1000, Date.now() + 30_000, 5000, "exp of a token issued at offset -(3600-30) s");
      const reset = await target.admin.clock();
      assert.equal(reset.offsetSeconds, 0, "clock reset");
    });

    it("with refreshProactively, refreshes a token that nears expiry", async (t) => {
      if (target.emulatorOnly(t, "clock control to issue a near-expiry token")) return;
      const nearExpiry = await tokenExpiringIn(12);
      let calls = 0;
      let refreshed;
      const refreshedPromise = new Promise((resolve) => {
        refreshed = resolve;
      });
      const credential = new AzureCommunicationTokenCredential({
        token: nearExpiry.token,
        refreshProactively: true,
        tokenRefresher: async () => {
          calls++;
          const fresh = await client.getToken(user, ["chat"]);
          refreshed(fresh);
          return fresh.token;
        },
      });
      try {
        // Within the 10-minute "expiring soon" window the SDK schedules the refresh at half the remaining life (~6 s).
        const fresh = await withTimeout(refreshedPromise, 30_000, "the proactive refresh");
        await new Promise((r) => setTimeout(r, 50));
        const access = await credential.getToken();
        assert.ok(access.token === fresh.token, "the credential now hands out the refreshed token");
        assert.equal(access.expiresOnTimestamp, decodeJwt(fresh.token).payload.exp * 1000);
        assert.ok(access.expiresOnTimestamp > Date.now() + 23 * 3600_000, "the refreshed token is a full-lifetime token");
        assert.equal(calls, 1, "refreshed once");
        const v = await target.admin.validateToken(access.token);
        assert.equal(v.valid, true);
      } finally {
        credential.dispose();
      }
    });

    it("with a refresher, an expired token is refreshed on demand", async (t) => {
      if (target.emulatorOnly(t, "clock control to issue an expired token")) return;
      const expired = await tokenExpiringIn(-120);
      const v = await target.admin.validateToken(expired.token);
      assert.equal(v.valid, false);
      assert.equal(v.reason, "expired");
      let calls = 0;
      const credential = new AzureCommunicationTokenCredential({
        token: expired.token,
        tokenRefresher: async () => {
          calls++;
          return (await client.getToken(user, ["chat"])).token;
        },
      });
      try {
        const access = await credential.getToken();
        assert.equal(calls, 1, "the refresher ran once");
        assert.ok(access.token !== expired.token, "a new token");
        assert.ok(access.expiresOnTimestamp > Date.now() + 23 * 3600_000);
      } finally {
        credential.dispose();
      }
    });

    it("without refreshProactively, a near-expiry but valid token is handed out unchanged", async (t) => {
      if (target.emulatorOnly(t, "clock control to issue a near-expiry token")) return;
      const nearExpiry = await tokenExpiringIn(120);
      let calls = 0;
      const credential = new AzureCommunicationTokenCredential({
        token: nearExpiry.token,
        tokenRefresher: async () => {
          calls++;
          return (await client.getToken(user, ["chat"])).token;
        },
      });
      try {
        const access = await credential.getToken();
        assert.ok(access.token === nearExpiry.token, "the still-valid token is handed out");
        assert.equal(calls, 0);
      } finally {
        credential.dispose();
      }
    });
  });
}
