// @azure/communication-identity 1.3.1 (api-version 2023-10-01) with a connection string (HMAC), over the
// target's main endpoint: plain http for the emulator (client option allowInsecureConnection), https for live.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { CommunicationIdentityClient } from "@azure/communication-identity";
import { AzureKeyCredential } from "@azure/core-auth";
import { suiteFor, targets, userTracker } from "../lib/targets.mjs";
import { decodeJwt } from "../lib/jwt.mjs";
import { assertAcsToken, assertAcsUserId, assertRestError, safe } from "../lib/assertions.mjs";
import { DELETED_IDENTITY_ERROR, FOREIGN_IDENTITY, NOT_OWNED_ERROR, SCOPES_EMPTY_ERROR, expiresInMinutesError } from "../lib/live-errors.mjs";

const ALL_SCOPES = ["chat", "voip", "chat.join", "chat.join.limited", "voip.join"];

for (const target of await targets()) {
  suiteFor(target, `communication-identity 1.3.1`, () => {
    let client;
    let users;
    before(() => {
      client = target.identityClient();
      users = userTracker(() => target.identityClient());
    });
    after(() => users?.cleanup());

    const newUser = async () => users.add(await safe(client.createUser()));

    it("createUser returns an 8:acs: identity of this resource", async () => {
      const user = await newUser();
      const resourceId = assertAcsUserId(user.communicationUserId, target.resourceId);
      target.resourceId ??= resourceId;
      const other = await newUser();
      assert.notEqual(other.communicationUserId, user.communicationUserId, "two users get two ids");
    });

    it("createUser: the emulator records the identity", async (t) => {
      if (target.emulatorOnly(t, "GET /emulator/identities/{id}")) return;
      const user = await newUser();
      const r = await target.admin.identity(user.communicationUserId);
      assert.equal(r.status, 200);
      assert.equal(r.json.id, user.communicationUserId);
      assert.equal(r.json.deleted, false);
    });

    it("wire: create 201 / issue 200 / revoke 204 / delete 204, JSON content type, request id echoed", async () => {
      const seen = [];
      const onResponse = (raw) =>
        seen.push({
          status: raw.status,
          contentType: raw.headers.get("content-type"),
          requestId: raw.request.headers.get("x-ms-client-request-id"),
          echoedId: raw.headers.get("x-ms-client-request-id"),
          apiVersions: raw.headers.get("api-supported-versions"),
          sentApiVersion: new URL(raw.request.url).searchParams.get("api-version"),
        });
      const user = users.add(await safe(client.createUser({ onResponse })));
      await safe(client.getToken(user, ["chat"], { onResponse }));
      await safe(client.revokeTokens(user, { onResponse }));
      await safe(client.deleteUser(user, { onResponse }));
      users.forget(user);
      assert.deepEqual(
        seen.map((s) => s.status),
        [201, 200, 204, 204],
      );
      for (const s of seen.slice(0, 2)) assert.match(s.contentType ?? "", /^application\/json/);
      for (const s of seen.slice(2)) assert.equal(s.contentType, undefined, "204 has no content type");
      for (const s of seen) {
        assert.equal(s.sentApiVersion, "2023-10-01", "the SDK sends api-version 2023-10-01");
        assert.equal(s.echoedId, s.requestId, "x-ms-client-request-id is echoed");
        assert.ok((s.apiVersions ?? "").split(/,\s*/).includes("2023-10-01"), `api-supported-versions lists 2023-10-01 (got ${s.apiVersions})`);
      }
    });

    describe("createUserAndToken", () => {
      for (const scope of ALL_SCOPES) {
        it(`scope ${scope}`, async () => {
          const before = Date.now();
          const result = await safe(client.createUserAndToken([scope]));
          users.add(result.user);
          assertAcsUserId(result.user.communicationUserId, target.resourceId);
          assertAcsToken(result.token, {
            userId: result.user.communicationUserId,
            scopes: [scope],
            expiresOn: result.expiresOn,
            issuedAfterMs: before,
            toleranceMs: target.toleranceMs,
          });
        });
      }

      it("several scopes (chat, voip)", async () => {
        const result = await safe(client.createUserAndToken(["chat", "voip"]));
        users.add(result.user);
        assertAcsToken(result.token, { userId: result.user.communicationUserId, scopes: ["chat", "voip"], expiresOn: result.expiresOn });
      });

      it("several scopes (all five)", async () => {
        const result = await safe(client.createUserAndToken(ALL_SCOPES));
        users.add(result.user);
        assertAcsToken(result.token, { userId: result.user.communicationUserId, scopes: ALL_SCOPES, expiresOn: result.expiresOn });
      });

      for (const minutes of [60, 1440]) {
        it(`tokenExpiresInMinutes ${minutes}`, async () => {
          const before = Date.now();
          const result = await safe(client.createUserAndToken(["chat"], { tokenExpiresInMinutes: minutes }));
          users.add(result.user);
          assertAcsToken(result.token, {
            userId: result.user.communicationUserId,
            scopes: ["chat"],
            lifetimeMinutes: minutes,
            expiresOn: result.expiresOn,
            issuedAfterMs: before,
            toleranceMs: target.toleranceMs,
          });
        });
      }

      for (const minutes of [59, 1441]) {
        it(`tokenExpiresInMinutes ${minutes} is rejected (400 ValidationError)`, async () => {
          await assertRestError(() => client.createUserAndToken(["chat"], { tokenExpiresInMinutes: minutes }), expiresInMinutesError("create", minutes));
        });
      }
    });

    describe("getToken", () => {
      let user;
      before(async () => {
        user = await newUser();
      });

      for (const scope of ALL_SCOPES) {
        it(`scope ${scope}`, async () => {
          const before = Date.now();
          const token = await safe(client.getToken(user, [scope]));
          assertAcsToken(token.token, {
            userId: user.communicationUserId,
            scopes: [scope],
            expiresOn: token.expiresOn,
            issuedAfterMs: before,
            toleranceMs: target.toleranceMs,
          });
        });
      }

      it("several scopes (chat.join.limited, voip)", async () => {
        const token = await safe(client.getToken(user, ["chat.join.limited", "voip"]));
        assertAcsToken(token.token, { userId: user.communicationUserId, scopes: ["chat.join.limited", "voip"], expiresOn: token.expiresOn });
      });

      it("several scopes (all five)", async () => {
        const token = await safe(client.getToken(user, ALL_SCOPES));
        assertAcsToken(token.token, { userId: user.communicationUserId, scopes: ALL_SCOPES, expiresOn: token.expiresOn });
      });

      for (const minutes of [60, 1440]) {
        it(`tokenExpiresInMinutes ${minutes}`, async () => {
          const before = Date.now();
          const token = await safe(client.getToken(user, ["voip"], { tokenExpiresInMinutes: minutes }));
          assertAcsToken(token.token, {
            userId: user.communicationUserId,
            scopes: ["voip"],
            lifetimeMinutes: minutes,
            expiresOn: token.expiresOn,
            issuedAfterMs: before,
            toleranceMs: target.toleranceMs,
          });
        });
      }

      for (const minutes of [59, 1441]) {
        it(`tokenExpiresInMinutes ${minutes} is rejected (400 ValidationError)`, async () => {
          await assertRestError(() => client.getToken(user, ["voip"], { tokenExpiresInMinutes: minutes }), expiresInMinutesError("issue", minutes));
        });
      }

      it("no scopes ([]) is rejected (400 ValidationError, recorded with the JS SDK)", async () => {
        await assertRestError(() => client.getToken(user, []), SCOPES_EMPTY_ERROR);
      });

      it("a token the emulator validates with the identity and scopes", async (t) => {
        if (target.emulatorOnly(t, "POST /emulator/tokens/validate")) return;
        const token = await safe(client.getToken(user, ["chat", "voip"]));
        const v = await target.admin.validateToken(token.token);
        assert.equal(v.valid, true, `validation: ${v.reason} ${v.detail ?? ""}`);
        assert.equal(v.identity, user.communicationUserId);
        assert.deepEqual(v.scopes, ["chat", "voip"]);
        assert.equal(new Date(v.expiresOn).getTime(), decodeJwt(token.token).payload.exp * 1000, "validated expiry = the token's exp");
      });
    });

    describe("revokeTokens", () => {
      it("succeeds; the identity keeps working", async () => {
        const user = await newUser();
        await safe(client.getToken(user, ["chat"]));
        await safe(client.revokeTokens(user));
        const fresh = await safe(client.getToken(user, ["chat"]));
        assertAcsToken(fresh.token, { userId: user.communicationUserId, scopes: ["chat"], expiresOn: fresh.expiresOn });
      });

      it("after revokeTokens the old token is rejected and a new one accepted", async (t) => {
        if (target.emulatorOnly(t, "token validation through POST /emulator/tokens/validate")) return;
        const { user, token: oldToken } = await safe(client.createUserAndToken(["chat"]));
        users.add(user);
        assert.equal((await target.admin.validateToken(oldToken)).valid, true, "token valid before revocation");
        await safe(client.revokeTokens(user));
        const old = await target.admin.validateToken(oldToken);
        assert.equal(old.valid, false, "old token is rejected after revokeTokens");
        assert.equal(old.reason, "revoked");
        const fresh = await safe(client.getToken(user, ["chat"]));
        const v = await target.admin.validateToken(fresh.token);
        assert.equal(v.valid, true, `a token issued after revokeTokens is accepted (got ${v.reason} ${v.detail ?? ""})`);
      });
    });

    describe("deleteUser", () => {
      it("succeeds, and getToken afterwards fails with the service's error", async () => {
        const user = await newUser();
        await safe(client.deleteUser(user));
        users.forget(user);
        await assertRestError(() => client.getToken(user, ["chat"]), DELETED_IDENTITY_ERROR);
      });

      it("the deleted identity's tokens are rejected", async (t) => {
        if (target.emulatorOnly(t, "token validation through POST /emulator/tokens/validate")) return;
        const { user, token } = await safe(client.createUserAndToken(["voip"]));
        await safe(client.deleteUser(user));
        const v = await target.admin.validateToken(token);
        assert.equal(v.valid, false);
        assert.equal(v.reason, "identityDeleted");
        const r = await target.admin.identity(user.communicationUserId);
        assert.equal(r.status, 200);
        assert.equal(r.json.deleted, true);
      });
    });

    describe("an identity of another resource (401 IdentityNotOwned)", () => {
      const foreign = { communicationUserId: FOREIGN_IDENTITY };
      it("getToken", () => assertRestError(() => client.getToken(foreign, ["chat", "voip"]), NOT_OWNED_ERROR));
      it("revokeTokens", () => assertRestError(() => client.revokeTokens(foreign), NOT_OWNED_ERROR));
      it("deleteUser", () => assertRestError(() => client.deleteUser(foreign), NOT_OWNED_ERROR));
    });

    describe("authentication", () => {
      it("endpoint + AzureKeyCredential works like the connection string", async () => {
        const keyClient = new CommunicationIdentityClient(
          target.endpoint,
          new AzureKeyCredential(target.accessKey),
          target.endpoint.startsWith("http:") ? { allowInsecureConnection: true } : {},
        );
        const result = await safe(keyClient.createUserAndToken(["chat"]));
        users.add(result.user);
        assertAcsToken(result.token, { userId: result.user.communicationUserId, scopes: ["chat"], expiresOn: result.expiresOn });
        await safe(keyClient.deleteUser(result.user));
        users.forget(result.user);
      });

      it("a wrong access key is rejected with 401", async () => {
        const endpoint = target.endpoint;
        const wrongKey = Buffer.alloc(32, 7).toString("base64");
        const wrong = new CommunicationIdentityClient(`endpoint=${endpoint}/;accesskey=${wrongKey}`, endpoint.startsWith("http:") ? { allowInsecureConnection: true } : {});
        let err;
        try {
          await wrong.createUser();
        } catch (e) {
          err = e;
        }
        assert.ok(err, "createUser with a wrong key must fail");
        assert.equal(err.name, "RestError");
        assert.equal(err.statusCode, 401);
        if (target.isEmulator) {
          // Unverified for Identity (reference §4.4: seen on other ACS data-plane APIs).
          assert.equal(err.code, "Denied");
          assert.equal(err.message, "Denied by the resource provider.");
        }
      });

      it("over http the SDK refuses to connect unless allowInsecureConnection is set", async (t) => {
        if (!target.endpoint.startsWith("http:")) return t.skip("the target's endpoint is https");
        const strict = new CommunicationIdentityClient(target.connectionString);
        await assert.rejects(strict.createUser(), (e) => /allowInsecureConnection/.test(e.message));
      });
    });
  });
}
