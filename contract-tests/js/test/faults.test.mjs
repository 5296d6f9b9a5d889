// The real @azure/communication-identity 1.3.1 retry policy (core-rest-pipeline: 408/429/5xx and connection
// errors are retried with back-off, honouring Retry-After) against the emulator's fault injection
// (/emulator/faults). Emulator-only: live Azure cannot be told to fail.
import { it, before, after, afterEach } from "node:test";
import assert from "node:assert/strict";
import { suiteFor, targets, userTracker } from "../lib/targets.mjs";
import { assertAcsUserId, describeError, safe } from "../lib/assertions.mjs";

const CREATE = { method: "POST", path: "/identities" };

/** Runs fn, which must reject; returns the error. */
async function rejection(fn) {
  try {
    await fn();
  } catch (e) {
    return e;
  }
  assert.fail("expected the call to fail, but it succeeded");
}

for (const target of await targets()) {
  suiteFor(
    target,
    "SDK retry policy against injected faults",
    () => {
      let users;
      before(() => {
        users = userTracker(() => target.identityClient());
      });
      afterEach(() => target.admin.clearFaults());
      after(() => users?.cleanup());

      it("one injected 503: the SDK retries and succeeds; the emulator saw two requests and created one identity", async () => {
        const rule = await target.admin.addFault({ match: CREATE, respond: { status: 503 }, times: 1 });
        const before = await target.admin.identityCount();
        const user = users.add(await safe(target.identityClient().createUser()));
        assertAcsUserId(user.communicationUserId, target.resourceId);
        const seen = await target.admin.fault(rule.id);
        assert.equal(seen.fired, 1, "the rule fired once");
        assert.equal(seen.matched, 2, "the create was sent twice: the faulted one and the retry");
        assert.equal(await target.admin.identityCount(), before + 1, "the faulted request created nothing");
      });

      it("a 429 with Retry-After: 1: the SDK waits about a second before retrying", async () => {
        const rule = await target.admin.addFault({ match: CREATE, respond: { status: 429, headers: { "Retry-After": "1" } }, times: 1 });
        const started = performance.now();
        users.add(await safe(target.identityClient().createUser()));
        const elapsed = performance.now() - started;
        assert.ok(elapsed >= 900, `the retry came after ${elapsed.toFixed(0)} ms, expected about 1000 ms (Retry-After: 1)`);
        assert.ok(elapsed < 5000, `the retry took ${elapsed.toFixed(0)} ms`);
        const seen = await target.admin.fault(rule.id);
        assert.deepEqual([seen.fired, seen.matched], [1, 2]);
      });

      it("persistent 500s: the SDK gives up after its retry count with the injected error", async () => {
        const rule = await target.admin.addFault({
          match: { operation: "IssueAccessToken" },
          respond: { status: 500, code: "InjectedFailure", message: "Injected by the contract test." },
        });
        const user = users.add(await safe(target.identityClient().createUser()));
        const maxRetries = 2;
        const client = target.identityClient({ options: { retryOptions: { maxRetries, retryDelayInMs: 20, maxRetryDelayInMs: 100 } } });
        const err = await rejection(() => client.getToken(user, ["chat"]));
        assert.equal(err.name, "RestError", describeError(err));
        assert.equal(err.statusCode, 500);
        assert.equal(err.code, "InjectedFailure");
        assert.equal(err.message, "Injected by the contract test.");
        const seen = await target.admin.fault(rule.id);
        assert.equal(seen.fired, maxRetries + 1, "the first attempt and every retry were faulted, and no more were sent");
        const state = await target.admin.identity(user.communicationUserId);
        assert.equal(state.json.tokensIssued, 0, "no token was issued by a faulted request");
      });

      it("a connection reset: the SDK retries on the connection error and succeeds", async () => {
        const rule = await target.admin.addFault({ match: CREATE, abort: true, times: 1 });
        users.add(await safe(target.identityClient().createUser()));
        const seen = await target.admin.fault(rule.id);
        assert.deepEqual([seen.fired, seen.matched], [1, 2]);
      });

      it("a delay past the client's abort timeout: the call fails with an abort error and creates nothing", async () => {
        await target.admin.addFault({ match: CREATE, delayMs: 5000 });
        const before = await target.admin.identityCount();
        const started = performance.now();
        const err = await rejection(() => target.identityClient().createUser({ abortSignal: AbortSignal.timeout(300) }));
        const elapsed = performance.now() - started;
        assert.equal(err.name, "AbortError", describeError(err));
        assert.ok(elapsed < 4000, `the call gave up after ${elapsed.toFixed(0)} ms, not at its 300 ms timeout`);
        await target.admin.clearFaults();
        // The emulator stops a delayed request whose client went away: it never reaches the handler.
        await new Promise((r) => setTimeout(r, 200));
        assert.equal(await target.admin.identityCount(), before, "the abandoned request created nothing");
      });
    },
    { skip: target.isEmulator ? false : "fault injection is emulator-only: live Azure cannot be told to fail" },
  );
}
