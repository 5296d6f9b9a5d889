// JWT helpers: decode ACS tokens, and build the self-signed Entra-style tokens the emulator accepts when it
// has no Entra authority configured (Teams user tokens for getTokenForTeamsUser, bearer tokens for the
// TokenCredential client). Tokens built here are made up; they are never valid against live Azure.
import { createSign, generateKeyPairSync, randomUUID } from "node:crypto";

const b64url = (value) => Buffer.from(typeof value === "string" ? value : JSON.stringify(value)).toString("base64url");

/** Splits a JWT and JSON-decodes its header and payload (no signature check). */
export function decodeJwt(token) {
  const parts = String(token).split(".");
  if (parts.length !== 3) throw new Error(`not a 3-part JWT (${parts.length} parts)`);
  const [header, payload] = parts.slice(0, 2).map((p) => JSON.parse(Buffer.from(p, "base64url").toString("utf8")));
  return { header, payload };
}

let keyPair;
const signingKey = () => (keyPair ??= generateKeyPairSync("rsa", { modulusLength: 2048 }));

/** An RS256 JWT signed with a throw-away key of this process (self-signed). */
export function signJwt(payload, { kid = "contract-tests-self-signed" } = {}) {
  const header = { alg: "RS256", typ: "JWT", kid };
  const input = `${b64url(header)}.${b64url(payload)}`;
  const signature = createSign("RSA-SHA256").update(input).sign(signingKey().privateKey).toString("base64url");
  return `${input}.${signature}`;
}

/** An unsigned JWT (`alg: none`, empty signature part). */
export function unsignedJwt(payload) {
  return `${b64url({ alg: "none", typ: "JWT" })}.${b64url(payload)}.`;
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

/**
 * A made-up Microsoft Entra ID access token of a Teams user, shaped like the ones the Teams exchange takes:
 * `appid` (client id), `oid` (user object id), `tid` (tenant), `exp`.
 */
export function teamsUserAadToken({
  appId = randomUUID(),
  userId = randomUUID(),
  tenantId = randomUUID(),
  expiresInSeconds = 3600,
  signed = true,
} = {}) {
  const iat = nowSeconds();
  const exp = iat + expiresInSeconds;
  const payload = {
    aud: "https://auth.msft.communication.azure.com",
    iss: `https://sts.windows.net/${tenantId}/`,
    iat,
    nbf: iat,
    exp,
    appid: appId,
    appidacr: "0",
    oid: userId,
    tid: tenantId,
    scp: "Teams.ManageCalls Teams.ManageChats",
    ver: "1.0",
  };
  return { token: signed ? signJwt(payload) : unsignedJwt(payload), appId, userId, tenantId, exp };
}

/** A made-up Entra access token for the ACS data plane (aud https://communication.azure.com). */
export function communicationBearerToken({ expiresInSeconds = 3600 } = {}) {
  const tenantId = randomUUID();
  const iat = nowSeconds();
  const exp = iat + expiresInSeconds;
  const payload = {
    aud: "https://communication.azure.com",
    iss: `https://sts.windows.net/${tenantId}/`,
    iat,
    nbf: iat,
    exp,
    appid: randomUUID(),
    oid: randomUUID(),
    tid: tenantId,
    ver: "1.0",
  };
  return { token: signJwt(payload), exp };
}

/** A TokenCredential (for @azure/core-auth) that hands out a made-up ACS-audience JWT and records the scopes asked for. */
export function fakeEntraCredential() {
  const calls = [];
  return {
    calls,
    async getToken(scopes) {
      calls.push([].concat(scopes));
      const { token, exp } = communicationBearerToken();
      return { token, expiresOnTimestamp: exp * 1000 };
    },
  };
}

/** A TokenCredential that always hands out the given (real) token; for the live leg with ACS_ENTRA_BEARER_TOKEN. */
export function staticEntraCredential(token) {
  let exp = Math.floor(Date.now() / 1000) + 600;
  try {
    exp = decodeJwt(token).payload.exp ?? exp;
  } catch {
    /* opaque token: keep default */
  }
  return {
    calls: [],
    async getToken(scopes) {
      this.calls.push([].concat(scopes));
      return { token, expiresOnTimestamp: exp * 1000 };
    },
  };
}
