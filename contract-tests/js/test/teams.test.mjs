// getTokenForTeamsUser (POST /teamsUser/:exchangeAccessToken, api-version 2023-10-01) with every failure
// recorded from live Azure (reference §4.3). Against the emulator (no Entra authority configured) a Teams
// user token is any well-formed self-signed or unsigned JWT with appid/oid/tid/exp, built here.
// Against live Azure the cases that need a genuinely valid Teams token run only when one is supplied through
// ACS_TEAMS_USER_AAD_TOKEN, ACS_TEAMS_APP_ID and ACS_TEAMS_USER_OBJECT_ID.
import { describe, it, before } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { AzureCommunicationTokenCredential } from "@azure/communication-common";
import { suiteFor, targets } from "../lib/targets.mjs";
import { decodeJwt, teamsUserAadToken } from "../lib/jwt.mjs";
import { assertClose, assertRestError, safe } from "../lib/assertions.mjs";
import {
  TEAMS_APP_ID_FORMAT,
  TEAMS_APP_ID_MISMATCH,
  TEAMS_APP_ID_REQUIRED,
  TEAMS_TOKEN_INVALID,
  TEAMS_USER_ID_FORMAT,
  TEAMS_USER_ID_MISMATCH,
  TEAMS_USER_ID_REQUIRED,
} from "../lib/live-errors.mjs";

const LIVE_TEAMS_VARIABLES = ["ACS_TEAMS_USER_AAD_TOKEN", "ACS_TEAMS_APP_ID", "ACS_TEAMS_USER_OBJECT_ID"];

for (const target of await targets()) {
  suiteFor(target, `getTokenForTeamsUser`, () => {
    let client;
    /** A Teams user token the target accepts: made up for the emulator, supplied from the environment for live. */
    let valid;
    before(() => {
      client = target.identityClient();
      if (target.isEmulator) {
        valid = teamsUserAadToken();
      } else if (LIVE_TEAMS_VARIABLES.every((v) => process.env[v])) {
        const token = process.env.ACS_TEAMS_USER_AAD_TOKEN;
        valid = { token, appId: process.env.ACS_TEAMS_APP_ID, userId: process.env.ACS_TEAMS_USER_OBJECT_ID, exp: decodeJwt(token).payload.exp };
      }
    });
    const needsValidToken = (t) => {
      if (valid) return false;
      t.skip(`needs a real Teams user token against live Azure: set ${LIVE_TEAMS_VARIABLES.join(", ")}`);
      return true;
    };
    const exchange = (token, appId, userId) => client.getTokenForTeamsUser({ teamsUserAadToken: token, clientId: appId, userObjectId: userId });

    it("a valid Teams user token is exchanged; expiresOn matches the Entra token's exp", async (t) => {
      if (needsValidToken(t)) return;
      const result = await safe(exchange(valid.token, valid.appId, valid.userId));
      assert.ok(result.expiresOn instanceof Date);
      assertClose(result.expiresOn.getTime(), valid.exp * 1000, target.isEmulator ? 1000 : 60_000, "expiresOn vs the Teams token's exp");
      const { payload } = decodeJwt(result.token);
      assertClose(payload.exp * 1000, valid.exp * 1000, target.isEmulator ? 1000 : 60_000, "exp of the ACS token vs the Teams token's exp");
      // The SDKs' credential takes it like any ACS token.
      const credential = new AzureCommunicationTokenCredential(result.token);
      const access = await credential.getToken();
      assert.equal(access.expiresOnTimestamp, payload.exp * 1000);
      credential.dispose();
    });

    it("the exchanged token is valid for the emulator", async (t) => {
      if (target.emulatorOnly(t, "POST /emulator/tokens/validate")) return;
      const result = await safe(exchange(valid.token, valid.appId, valid.userId));
      const v = await target.admin.validateToken(result.token);
      assert.equal(v.valid, true, `validation: ${v.reason} ${v.detail ?? ""}`);
    });

    it("an unsigned (alg none) Teams user token is accepted by an emulator without Entra authority", async (t) => {
      if (target.emulatorOnly(t, "made-up Teams tokens are only accepted by the emulator")) return;
      const unsigned = teamsUserAadToken({ signed: false });
      const result = await safe(exchange(unsigned.token, unsigned.appId, unsigned.userId));
      assertClose(result.expiresOn.getTime(), unsigned.exp * 1000, 1000, "expiresOn vs the Teams token's exp");
    });

    describe("recorded failures (§4.3)", () => {
      it("empty token → 401 InvalidAccessToken", () => assertRestError(() => exchange("", randomUUID(), randomUUID()), TEAMS_TOKEN_INVALID));

      it("malformed token 'invalid' → 401 InvalidAccessToken", () =>
        assertRestError(() => exchange("invalid", randomUUID(), randomUUID()), TEAMS_TOKEN_INVALID));

      it("expired token → 401 InvalidAccessToken", async () => {
        const expired = teamsUserAadToken({ expiresInSeconds: -3600 });
        await assertRestError(() => exchange(expired.token, expired.appId, expired.userId), TEAMS_TOKEN_INVALID);
      });

      it("appId '' → 400 ValidationError 'AppId: The AppId field is required.'", async () => {
        const t = valid ?? teamsUserAadToken(); // model binding answers before the token is looked at
        await assertRestError(() => exchange(t.token, "", t.userId), TEAMS_APP_ID_REQUIRED);
      });

      it("userId '' → 400 ValidationError 'UserId: The UserId field is required.'", async () => {
        const t = valid ?? teamsUserAadToken();
        await assertRestError(() => exchange(t.token, t.appId, ""), TEAMS_USER_ID_REQUIRED);
      });

      it("appId 'invalid' → 400 'Provided AppId has invalid format.'", async (t) => {
        if (needsValidToken(t)) return;
        await assertRestError(() => exchange(valid.token, "invalid", valid.userId), TEAMS_APP_ID_FORMAT);
      });

      it("userId 'invalid' → 400 'Provided UserId has invalid format.'", async (t) => {
        if (needsValidToken(t)) return;
        await assertRestError(() => exchange(valid.token, valid.appId, "invalid"), TEAMS_USER_ID_FORMAT);
      });

      it("appId of another application → 400 'AAD application is not the expected one.'", async (t) => {
        if (needsValidToken(t)) return;
        await assertRestError(() => exchange(valid.token, randomUUID(), valid.userId), TEAMS_APP_ID_MISMATCH);
      });

      it("userId of another user → 400 'Provided AAD token issued for unexpected user.'", async (t) => {
        if (needsValidToken(t)) return;
        await assertRestError(() => exchange(valid.token, valid.appId, randomUUID()), TEAMS_USER_ID_MISMATCH);
      });
    });
  });
}
