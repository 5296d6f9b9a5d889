// HTTPS: the emulator's certificate (GET /emulator/certificate) is trusted through NODE_EXTRA_CA_CERTS, no
// insecure option is set, the port is not 443; the same flows with a connection string (HMAC) and with a
// bearer-token credential (TokenCredential). scripts/run-suite.mjs sets NODE_EXTRA_CA_CERTS for the whole run;
// a child node process shows that without it the certificate is not trusted.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { randomUUID } from "node:crypto";
import { CommunicationIdentityClient } from "@azure/communication-identity";
import { suiteFor, targets, userTracker } from "../lib/targets.mjs";
import { fakeEntraCredential, staticEntraCredential, teamsUserAadToken, communicationBearerToken, signJwt } from "../lib/jwt.mjs";
import { assertAcsToken, assertAcsUserId, assertClose, assertRestError, safe } from "../lib/assertions.mjs";
import { DELETED_IDENTITY_ERROR } from "../lib/live-errors.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const probe = path.join(here, "..", "lib", "tls-probe.mjs");

function runProbe(connectionString, extraCaFile) {
  const env = { ...process.env, PROBE_CONNECTION_STRING: connectionString };
  delete env.NODE_EXTRA_CA_CERTS;
  delete env.NODE_TLS_REJECT_UNAUTHORIZED;
  if (extraCaFile) env.NODE_EXTRA_CA_CERTS = extraCaFile;
  return new Promise((resolve) => {
    execFile(process.execPath, [probe], { env, timeout: 60_000 }, (error, stdout) => {
      const line = stdout.trim().split("\n").pop() || "{}";
      let result;
      try {
        result = JSON.parse(line);
      } catch {
        result = { ok: false, message: `unparseable probe output (${stdout.length} chars)` };
      }
      resolve({ exitCode: error ? error.code : 0, ...result });
    });
  });
}

for (const target of await targets()) {
  const noHttps = !target.skip && !target.httpsConnectionString && "the target's connection string names an http endpoint: no https tests";
  suiteFor(target, `https`, () => {
    let users;
    before(() => {
      if (target.isEmulator) {
        const ca = process.env.NODE_EXTRA_CA_CERTS;
        if (!ca) throw new Error("NODE_EXTRA_CA_CERTS is not set: run the suite through run.sh or npm test, which trust the emulator certificate");
        assert.match(readFileSync(ca, "utf8"), /BEGIN CERTIFICATE/, "NODE_EXTRA_CA_CERTS names a PEM file");
      }
      users = userTracker(() => target.identityClient({ https: true }));
    });
    after(() => users?.cleanup());

    it("the https endpoint is on a non-default port (emulator)", async (t) => {
      if (target.emulatorOnly(t, "the live endpoint uses 443")) return;
      const url = new URL(target.httpsEndpoint);
      assert.equal(url.protocol, "https:");
      assert.ok(url.port !== "" && url.port !== "443", `port ${url.port || 443} is not the default`);
    });

    describe("connection string (HMAC) over https, no insecure option", () => {
      let client;
      before(() => {
        client = new CommunicationIdentityClient(target.httpsConnectionString);
      });

      it("createUser, createUserAndToken, getToken, revokeTokens, deleteUser", async () => {
        const user = users.add(await safe(client.createUser()));
        assertAcsUserId(user.communicationUserId, target.resourceId);
        const both = await safe(client.createUserAndToken(["chat", "voip"], { tokenExpiresInMinutes: 60 }));
        users.add(both.user);
        assertAcsToken(both.token, { userId: both.user.communicationUserId, scopes: ["chat", "voip"], lifetimeMinutes: 60, expiresOn: both.expiresOn });
        const before = Date.now();
        const token = await safe(client.getToken(user, ["voip.join"], { tokenExpiresInMinutes: 120 }));
        assertAcsToken(token.token, {
          userId: user.communicationUserId,
          scopes: ["voip.join"],
          lifetimeMinutes: 120,
          expiresOn: token.expiresOn,
          issuedAfterMs: before,
          toleranceMs: target.toleranceMs,
        });
        await safe(client.revokeTokens(user));
        await safe(client.deleteUser(user));
        users.forget(user);
        await assertRestError(() => client.getToken(user, ["chat"]), DELETED_IDENTITY_ERROR);
      });

      it("getTokenForTeamsUser", async (t) => {
        if (target.emulatorOnly(t, "made-up Teams tokens are only accepted by the emulator (see the Teams suite)")) return;
        const teams = teamsUserAadToken();
        const result = await safe(client.getTokenForTeamsUser({ teamsUserAadToken: teams.token, clientId: teams.appId, userObjectId: teams.userId }));
        assertClose(result.expiresOn.getTime(), teams.exp * 1000, 1000, "expiresOn vs the Teams token's exp");
      });

      it("the certificate is trusted only through NODE_EXTRA_CA_CERTS (child node processes)", async (t) => {
        if (target.emulatorOnly(t, "live Azure has a publicly trusted certificate")) return;
        const without = await runProbe(target.httpsConnectionString, undefined);
        assert.equal(without.ok, false, "without NODE_EXTRA_CA_CERTS the emulator's certificate must not be trusted");
        assert.match(`${without.code} ${without.message}`, /cert|self[- ]signed|unable to verify|issuer/i, `a TLS trust error (got ${without.code}: ${without.message})`);
        const withCa = await runProbe(target.httpsConnectionString, process.env.NODE_EXTRA_CA_CERTS);
        assert.equal(withCa.ok, true, `with NODE_EXTRA_CA_CERTS the call succeeds (got ${withCa.code}: ${withCa.message})`);
      });
    });

    describe("bearer-token credential (TokenCredential) over https", () => {
      let credential;
      let client;
      before(() => {
        if (target.isEmulator) credential = fakeEntraCredential();
        else if (process.env.ACS_ENTRA_BEARER_TOKEN) credential = staticEntraCredential(process.env.ACS_ENTRA_BEARER_TOKEN);
        if (credential) client = new CommunicationIdentityClient(target.httpsEndpoint, credential);
      });
      const needsCredential = (t) => {
        if (credential) return false;
        t.skip("needs a Microsoft Entra access token for https://communication.azure.com against live Azure: set ACS_ENTRA_BEARER_TOKEN");
        return true;
      };

      it("createUser, createUserAndToken, getToken, revokeTokens, deleteUser", async (t) => {
        if (needsCredential(t)) return;
        const user = users.add(await safe(client.createUser()));
        assertAcsUserId(user.communicationUserId, target.resourceId);
        const both = await safe(client.createUserAndToken(["chat.join"]));
        users.add(both.user);
        assertAcsToken(both.token, { userId: both.user.communicationUserId, scopes: ["chat.join"], expiresOn: both.expiresOn });
        const token = await safe(client.getToken(user, ["chat", "voip"], { tokenExpiresInMinutes: 60 }));
        assertAcsToken(token.token, { userId: user.communicationUserId, scopes: ["chat", "voip"], lifetimeMinutes: 60, expiresOn: token.expiresOn });
        await safe(client.revokeTokens(user));
        await safe(client.deleteUser(user));
        users.forget(user);
        assert.deepEqual(credential.calls[0], ["https://communication.azure.com//.default"], "the SDK asks for the ACS data-plane scope");
      });

      it("getTokenForTeamsUser", async (t) => {
        if (target.emulatorOnly(t, "made-up Teams tokens are only accepted by the emulator (see the Teams suite)")) return;
        const teams = teamsUserAadToken();
        const result = await safe(client.getTokenForTeamsUser({ teamsUserAadToken: teams.token, clientId: teams.appId, userObjectId: teams.userId }));
        assertClose(result.expiresOn.getTime(), teams.exp * 1000, 1000, "expiresOn vs the Teams token's exp");
      });

      it("a bearer token for another audience is rejected with 401 (emulator)", async (t) => {
        if (target.emulatorOnly(t, "needs a made-up token")) return;
        const now = Math.floor(Date.now() / 1000);
        const other = signJwt({ aud: "https://graph.microsoft.com", iat: now, nbf: now, exp: now + 3600, appid: randomUUID(), oid: randomUUID(), tid: randomUUID() });
        const wrongAudience = new CommunicationIdentityClient(target.httpsEndpoint, {
          getToken: async () => ({ token: other, expiresOnTimestamp: (now + 3600) * 1000 }),
        });
        let err;
        try {
          await wrongAudience.createUser();
        } catch (e) {
          err = e;
        }
        assert.ok(err, "a token for another audience must be refused");
        assert.equal(err.statusCode, 401);
      });

      it("the SDK refuses bearer authentication over plain http (client-side)", async (t) => {
        if (!target.endpoint.startsWith("http:")) return t.skip("the target has no http endpoint");
        const { token, exp } = communicationBearerToken();
        const overHttp = new CommunicationIdentityClient(target.endpoint, { getToken: async () => ({ token, expiresOnTimestamp: exp * 1000 }) }, { allowInsecureConnection: true });
        await assert.rejects(overHttp.createUser(), (e) => /non-TLS|https/i.test(e.message));
      });
    });
  }, { skip: noHttps });
}
