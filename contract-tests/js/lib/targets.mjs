// Which services the suite runs against. Every test file runs its tests once per target:
//   emulator — EMULATOR_URL (+ EMULATOR_HTTPS_URL, EMULATOR_CA_CERT, EMULATOR_ACCESS_KEY) when set: an emulator already running
//              (for instance a container); otherwise the emulator is started here as a child process
//              (scripts/run-suite.mjs starts one for the whole run and passes EMULATOR_URL on).
//   live     — COMMUNICATION_SERVICES_CONNECTION_STRING: a real Azure Communication Services resource.
//              When it is unset, the live leg is reported as skipped, naming the variable.
// CONTRACT_TARGETS (default "emulator,live") selects legs.
import { after, describe, it } from "node:test";
import { CommunicationIdentityClient } from "@azure/communication-identity";
import { EmulatorAdmin } from "./emulator-admin.mjs";
import { startEmulator } from "./emulator-process.mjs";

export const LIVE_VARIABLE = "COMMUNICATION_SERVICES_CONNECTION_STRING";

const selected = (process.env.CONTRACT_TARGETS || "emulator,live")
  .split(",")
  .map((s) => s.trim().toLowerCase())
  .filter(Boolean);

export function parseConnectionString(cs) {
  const m = /endpoint=(.*);accesskey=(.*)/i.exec(cs || "");
  if (!m) throw new Error("connection string is not of the form endpoint=...;accesskey=...");
  return { endpoint: m[1].replace(/\/+$/, ""), accessKey: m[2] };
}

const connectionString = (endpoint, accessKey) => `endpoint=${endpoint.replace(/\/+$/, "")}/;accesskey=${accessKey}`;

class Target {
  constructor(fields) {
    Object.assign(this, fields);
  }

  /** A CommunicationIdentityClient (1.3.1) with the target's connection string; http needs allowInsecureConnection. */
  identityClient({ https = false, options = {} } = {}) {
    const cs = https ? this.httpsConnectionString : this.connectionString;
    const insecure = parseConnectionString(cs).endpoint.startsWith("http:");
    return new CommunicationIdentityClient(cs, insecure ? { allowInsecureConnection: true, ...options } : options);
  }

  /** In a test: skips it (with a message) when the target is not the emulator. Returns true when skipped. */
  emulatorOnly(t, what) {
    if (this.isEmulator) return false;
    t.skip(`emulator-only check skipped against live Azure: ${what}`);
    return true;
  }
}

let emulatorPromise;
async function emulatorTarget() {
  const url = process.env.EMULATOR_URL?.replace(/\/+$/, "");
  let accessKey;
  let httpsUrl = process.env.EMULATOR_HTTPS_URL?.replace(/\/+$/, "");
  let started = null;
  let baseUrl = url;
  if (!url) {
    started = await startEmulator();
    after(() => started.stop());
    baseUrl = started.url;
    httpsUrl = started.httpsUrl;
  }
  // The key of a running emulator (a container) comes from EMULATOR_ACCESS_KEY: its /emulator/info answers only
  // loopback callers without it. A child process's key is the one it was started with.
  const admin = new EmulatorAdmin(baseUrl, started?.accessKey ?? process.env.EMULATOR_ACCESS_KEY);
  let info;
  try {
    info = await admin.info();
  } catch (e) {
    if (/got 40[13]/.test(e.message)) {
      throw new Error(`${e.message}\nSet EMULATOR_ACCESS_KEY to the emulator's access key (the accesskey of the connection string it prints).`);
    }
    throw e;
  }
  accessKey = info.accessKey ?? parseConnectionString(info.connectionStrings?.http).accessKey;
  if (!httpsUrl && info.connectionStrings?.https) httpsUrl = parseConnectionString(info.connectionStrings.https).endpoint;
  return new Target({
    name: "emulator",
    label: `emulator ${baseUrl}${started ? " (child process)" : ""}`,
    skip: false,
    isEmulator: true,
    admin,
    info,
    endpoint: baseUrl,
    httpsEndpoint: httpsUrl,
    connectionString: connectionString(baseUrl, accessKey),
    httpsConnectionString: httpsUrl ? connectionString(httpsUrl, accessKey) : undefined,
    accessKey,
    resourceId: info.resourceId,
    toleranceMs: 10_000,
  });
}

function liveTarget() {
  const cs = process.env[LIVE_VARIABLE];
  if (!cs) {
    return new Target({
      name: "live",
      label: "live Azure",
      skip: `${LIVE_VARIABLE} is not set: live Azure leg skipped (set it to a resource's connection string to run these tests against live Azure)`,
      isEmulator: false,
    });
  }
  const { endpoint, accessKey } = parseConnectionString(cs);
  return new Target({
    name: "live",
    label: `live Azure ${new URL(endpoint).host}`,
    skip: false,
    isEmulator: false,
    admin: null,
    endpoint,
    httpsEndpoint: endpoint.startsWith("https:") ? endpoint : undefined,
    connectionString: cs,
    httpsConnectionString: endpoint.startsWith("https:") ? cs : undefined,
    accessKey,
    resourceId: undefined, // learned from the first identity created
    toleranceMs: 5 * 60_000, // the client's clock may differ from Azure's
  });
}

/** The targets, in order emulator, live; each with `.skip` (false or a message). */
export async function targets() {
  const list = [];
  if (selected.includes("emulator")) {
    emulatorPromise ??= emulatorTarget();
    list.push(await emulatorPromise);
  } else {
    list.push(new Target({ name: "emulator", label: "emulator", skip: "emulator leg not selected (CONTRACT_TARGETS)", isEmulator: true }));
  }
  if (selected.includes("live")) list.push(liveTarget());
  else list.push(new Target({ name: "live", label: "live Azure", skip: "live leg not selected (CONTRACT_TARGETS)", isEmulator: false }));
  return list;
}

/** Remembers the users a suite creates and deletes them at the end (live resources stay clean). */
export function userTracker(clientFactory) {
  const ids = new Set();
  return {
    add(user) {
      ids.add(user.communicationUserId);
      return user;
    },
    forget(user) {
      ids.delete(user.communicationUserId);
    },
    async cleanup() {
      const client = clientFactory();
      for (const id of ids) {
        try {
          await client.deleteUser({ communicationUserId: id });
        } catch {
          /* already gone */
        }
      }
      ids.clear();
    },
  };
}

/**
 * describe() for one target; a skipped target becomes one skipped test carrying the reason (a skipped
 * describe would not be counted in the runner's "skipped" total).
 */
export function suiteFor(target, name, fn, { skip } = {}) {
  const title = `${name} [${target.label}]`;
  if (target.skip || skip) return it(title, { skip: target.skip || skip }, () => {});
  return describe(title, fn);
}
