// Assertions shared by the test files. They never put a token or key into a failure message.
import assert from "node:assert/strict";
import { decodeJwt } from "./jwt.mjs";

export const ACS_ID = /^8:acs:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})_([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** Asserts an ACS identity id (8:acs:<resource>_<guid>) and returns its resource id. */
export function assertAcsUserId(id, resourceId) {
  assert.equal(typeof id, "string", "identity id must be a string");
  const m = ACS_ID.exec(id);
  assert.ok(m, `identity id ${id} is not of the form 8:acs:<resource guid>_<guid>`);
  if (resourceId) assert.equal(m[1].toLowerCase(), resourceId.toLowerCase(), "identity id names another resource");
  return m[1];
}

export function assertClose(actualMs, expectedMs, toleranceMs, what) {
  const diff = Math.abs(actualMs - expectedMs);
  assert.ok(
    diff <= toleranceMs,
    `${what}: ${new Date(actualMs).toISOString()} differs from expected ${new Date(expectedMs).toISOString()} by ${diff} ms (tolerance ${toleranceMs} ms)`,
  );
}

/**
 * Checks an ACS user access token as the live service issues them (reference §8.1): 3-part RS256 JWT,
 * skypeid = id without "8:", scp 1792, csi = iat as a string, acsScope = scopes joined with ",",
 * resourceId, exp - iat = lifetime; the REST expiresOn equals exp (to the second).
 */
export function assertAcsToken(token, { userId, scopes, lifetimeMinutes = 1440, expiresOn, issuedAfterMs, toleranceMs }) {
  assert.equal(typeof token, "string", "token must be a string");
  let decoded;
  try {
    decoded = decodeJwt(token);
  } catch (e) {
    assert.fail(`token is not a decodable JWT: ${e.message}`);
  }
  const { header, payload } = decoded;
  assert.equal(header.alg, "RS256", "token header alg");
  assert.equal(header.typ, "JWT", "token header typ");
  assert.ok(header.kid, "token header has a kid");
  if (userId) {
    assert.equal(payload.skypeid, userId.slice(2), "skypeid claim = identity id without '8:'");
    assert.equal(payload.resourceId, ACS_ID.exec(userId)?.[1], "resourceId claim = the identity's resource");
  }
  assert.equal(payload.scp, 1792, "scp claim");
  assert.equal(typeof payload.exp, "number", "exp claim is a number");
  assert.ok(Number.isInteger(payload.exp), "exp claim is an integer");
  assert.equal(typeof payload.iat, "number", "iat claim is a number");
  assert.equal(payload.csi, String(payload.iat), "csi claim = iat as a string");
  assert.equal(payload.exp - payload.iat, lifetimeMinutes * 60, "exp - iat = token lifetime");
  if (scopes) assert.equal(payload.acsScope, scopes.join(","), "acsScope claim = requested scopes joined with ','");
  if (expiresOn) {
    assert.ok(expiresOn instanceof Date && !Number.isNaN(expiresOn.getTime()), "expiresOn is a valid Date");
    assertClose(expiresOn.getTime(), payload.exp * 1000, 1000, "expiresOn vs the token's exp");
    if (issuedAfterMs !== undefined) {
      assertClose(expiresOn.getTime(), issuedAfterMs + lifetimeMinutes * 60_000, toleranceMs, "expiresOn vs now + lifetime");
    }
  }
  return payload;
}

function errorTarget(err) {
  const parsed = err.response?.parsedBody?.error?.target;
  if (parsed !== undefined) return parsed;
  try {
    return JSON.parse(err.response?.bodyAsText ?? "").error?.target;
  } catch {
    return undefined;
  }
}

/** Turns anything thrown into a short Error without request details (no Authorization header, no body). */
export function describeError(err) {
  if (!err || typeof err !== "object") return String(err);
  return `${err.name ?? "Error"}${err.statusCode ? ` ${err.statusCode}` : ""}${err.code ? ` ${err.code}` : ""}: ${err.message}`;
}

/**
 * Runs fn and asserts it fails with a RestError carrying the live status, code and message
 * (and, when given, the error target from the body).
 */
export async function assertRestError(fn, { status, code, message, target }) {
  const err = await restErrorOf(fn, { status, code, message });
  assert.equal(err.code, code, `code of ${describeError(err)}`);
  assert.equal(err.message, message, "message");
  if (target !== undefined) assert.equal(errorTarget(err), target, "error target");
  return err;
}

/** Runs fn, which must reject with a RestError of the given status; returns that error. */
async function restErrorOf(fn, { status, code, message }) {
  let err;
  try {
    await fn();
  } catch (e) {
    err = e;
  }
  if (!err) assert.fail(`expected RestError ${status} ${code} "${message}", but the call succeeded`);
  assert.equal(err.name, "RestError", `expected a RestError, got ${describeError(err)}`);
  assert.equal(err.statusCode, status, `status of ${describeError(err)}`);
  return err;
}

/** Awaits a promise; a rejection is rethrown as a plain Error without request details. */
export async function safe(promise) {
  try {
    return await promise;
  } catch (e) {
    const clean = new Error(describeError(e));
    clean.statusCode = e?.statusCode;
    clean.code = e?.code;
    throw clean;
  }
}

/**
 * The 2020 SDK (@azure/communication-administration on core-http 1.x) declares no error response, so core-http
 * throws a RestError whose `code` is unset and whose `message` is the raw response body. Asserts that shape, with
 * the live status and the live {"error":{code,message}} inside the body.
 */
export async function assertLegacyRestError(fn, { status, code, message }) {
  const err = await restErrorOf(fn, { status, code, message });
  assert.equal(err.code, undefined, "core-http leaves code unset when the operation declares no error response");
  let body;
  try {
    body = JSON.parse(err.message);
  } catch {
    assert.fail(`the RestError message is not the JSON body: ${err.message.slice(0, 200)}`);
  }
  assert.deepEqual(body, { error: { code, message } }, "error body");
  return err;
}
