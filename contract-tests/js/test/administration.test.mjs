// The original SDK of the ACS quickstart: @azure/communication-administration 1.0.0-beta.4
// (api-version 2020-07-20-preview2, core-http, `date`-header HMAC): createUser (expects 200 {id}),
// issueToken (POST /identities/{id}/token), revokeTokens (PATCH /identities/{id}, merge-patch tokensValidFrom),
// deleteUser. Run over the target's main endpoint and, where there is one, its https endpoint.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { CommunicationIdentityClient as AdministrationIdentityClient } from "@azure/communication-administration";
import { AzureKeyCredential } from "@azure/core-auth";
import { parseConnectionString } from "../lib/targets.mjs";
import { suiteFor, targets } from "../lib/targets.mjs";
import { assertAcsToken, assertAcsUserId, assertLegacyRestError, safe } from "../lib/assertions.mjs";
import { DELETED_IDENTITY_ERROR, FOREIGN_IDENTITY, NOT_OWNED_ERROR } from "../lib/live-errors.mjs";

for (const target of await targets()) {
  const transports = [{ name: "main endpoint", https: false }];
  if (!target.skip && target.httpsConnectionString && target.httpsConnectionString !== target.connectionString) {
    transports.push({ name: "https endpoint", https: true });
  }
  for (const transport of transports) {
    suiteFor(target, `communication-administration 1.0.0-beta.4 (${transport.name})`, () => {
      let client;
      const created = new Set();
      before(() => {
        if (transport.https && target.isEmulator && !process.env.NODE_EXTRA_CA_CERTS) {
          throw new Error("NODE_EXTRA_CA_CERTS must name the emulator's certificate for the https leg (run through run.sh or npm test)");
        }
        client = new AdministrationIdentityClient(transport.https ? target.httpsConnectionString : target.connectionString);
      });
      after(async () => {
        for (const id of created) {
          try {
            await client.deleteUser({ communicationUserId: id });
          } catch {
            /* already gone */
          }
        }
      });

      it("createUser answers 200 with an 8:acs: id", async () => {
        const user = await safe(client.createUser());
        created.add(user.communicationUserId);
        assert.equal(user._response.status, 200);
        assert.equal(new URL(user._response.request.url).searchParams.get("api-version"), "2020-07-20-preview2");
        assertAcsUserId(user.communicationUserId, target.resourceId);
      });

      it("endpoint + AzureKeyCredential works like the connection string", async () => {
        const { endpoint, accessKey } = parseConnectionString(transport.https ? target.httpsConnectionString : target.connectionString);
        const keyClient = new AdministrationIdentityClient(endpoint, new AzureKeyCredential(accessKey));
        const user = await safe(keyClient.createUser());
        created.add(user.communicationUserId);
        const issued = await safe(keyClient.issueToken(user, ["chat"]));
        assertAcsToken(issued.token, { userId: user.communicationUserId, scopes: ["chat"], expiresOn: issued.expiresOn });
      });

      it("quickstart flow: createUser, issueToken voip, refresh, revokeTokens (PATCH), deleteUser", async () => {
        const user = await safe(client.createUser());
        created.add(user.communicationUserId);

        const before = Date.now();
        const issued = await safe(client.issueToken(user, ["voip"]));
        assert.equal(issued._response.status, 200);
        assert.equal(issued.user.communicationUserId, user.communicationUserId, "issueToken returns the identity's id");
        assert.ok(issued.expiresOn instanceof Date, "expiresOn is a Date");
        assertAcsToken(issued.token, {
          userId: user.communicationUserId,
          scopes: ["voip"],
          expiresOn: issued.expiresOn,
          issuedAfterMs: before,
          toleranceMs: target.toleranceMs,
        });

        // "Refresh": issue again for the stored identity id.
        const existing = { communicationUserId: user.communicationUserId };
        const refreshed = await safe(client.issueToken(existing, ["voip"]));
        assertAcsToken(refreshed.token, { userId: user.communicationUserId, scopes: ["voip"], expiresOn: refreshed.expiresOn });

        const revoked = await safe(client.revokeTokens(existing));
        assert.equal(revoked._response.status, 204);
        assert.equal(revoked._response.request.method, "PATCH");

        const deleted = await safe(client.deleteUser(existing));
        assert.equal(deleted._response.status, 204);
        created.delete(user.communicationUserId);
      });

      it("issueToken with several scopes", async () => {
        const user = await safe(client.createUser());
        created.add(user.communicationUserId);
        const issued = await safe(client.issueToken(user, ["chat", "voip"]));
        assertAcsToken(issued.token, { userId: user.communicationUserId, scopes: ["chat", "voip"], expiresOn: issued.expiresOn });
      });

      it("after revokeTokens (PATCH) the old token is rejected and a new one accepted", async (t) => {
        if (target.emulatorOnly(t, "token validation through POST /emulator/tokens/validate")) return;
        const user = await safe(client.createUser());
        created.add(user.communicationUserId);
        const old = await safe(client.issueToken(user, ["voip"]));
        assert.equal((await target.admin.validateToken(old.token)).valid, true, "token valid before revocation");
        await safe(client.revokeTokens(user));
        const v1 = await target.admin.validateToken(old.token);
        assert.equal(v1.valid, false, "old token rejected after revokeTokens");
        assert.equal(v1.reason, "revoked");
        const fresh = await safe(client.issueToken(user, ["voip"]));
        const v2 = await target.admin.validateToken(fresh.token);
        assert.equal(v2.valid, true, `a token issued after revokeTokens is accepted (got ${v2.reason} ${v2.detail ?? ""})`);
      });

      it("revokeTokens with an explicit tokensValidFrom in the future rejects tokens issued before it", async (t) => {
        if (target.emulatorOnly(t, "token validation through POST /emulator/tokens/validate")) return;
        const user = await safe(client.createUser());
        created.add(user.communicationUserId);
        const old = await safe(client.issueToken(user, ["chat"]));
        await safe(client.revokeTokens(user, new Date(Date.now() + 60_000)));
        const v = await target.admin.validateToken(old.token);
        assert.equal(v.valid, false);
        assert.equal(v.reason, "revoked");
      });

      it("issueToken after deleteUser fails with the service's error", async () => {
        const user = await safe(client.createUser());
        await safe(client.deleteUser(user));
        await assertLegacyRestError(() => client.issueToken(user, ["voip"]), DELETED_IDENTITY_ERROR);
      });

      it("issueToken for an identity of another resource → 401 IdentityNotOwned", async () => {
        await assertLegacyRestError(() => client.issueToken({ communicationUserId: FOREIGN_IDENTITY }, ["voip"]), NOT_OWNED_ERROR);
      });
    });
  }
}
