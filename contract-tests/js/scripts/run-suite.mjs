#!/usr/bin/env node
// Runs the contract suite (node:test) once for all targets:
//  * the emulator: EMULATOR_URL (+ EMULATOR_HTTPS_URL, EMULATOR_CA_CERT) when set, otherwise one emulator is
//    started here as a child process (`dotnet Emulator.dll --port P --https-port Q --access-key K --data-dir D`,
//    EMULATOR_DLL overrides the path) and stopped at the end;
//  * live Azure when COMMUNICATION_SERVICES_CONNECTION_STRING is set (skipped with a message otherwise).
// The emulator's certificate is written to a temporary PEM file and trusted through NODE_EXTRA_CA_CERTS, which
// node reads only at start-up: that is why the test runner is a child process started with it set.
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startEmulator } from "../lib/emulator-process.mjs";
import { EmulatorAdmin } from "../lib/emulator-admin.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const selected = (process.env.CONTRACT_TARGETS || "emulator,live").toLowerCase();
const tmp = mkdtempSync(path.join(tmpdir(), "acs-contract-js-"));
let emulator = null;
let runner = null;

// Ctrl-C / SIGTERM: stop the test runner and the emulator we started, then leave.
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, async () => {
    runner?.kill(signal);
    if (emulator) await emulator.stop();
    rmSync(tmp, { recursive: true, force: true });
    process.exit(130);
  });
}

async function main() {
  const env = { ...process.env };
  if (selected.includes("emulator")) {
    if (!env.EMULATOR_URL) {
      process.stdout.write("# starting the emulator as a child process ...\n");
      emulator = await startEmulator();
      env.EMULATOR_URL = emulator.url;
      env.EMULATOR_HTTPS_URL = emulator.httpsUrl;
      env.EMULATOR_ACCESS_KEY = emulator.accessKey;
      process.stdout.write(`# emulator ready: ${emulator.url} and ${emulator.httpsUrl} (pid ${emulator.pid})\n`);
    } else {
      process.stdout.write(`# using the running emulator at ${env.EMULATOR_URL}${env.EMULATOR_HTTPS_URL ? ` and ${env.EMULATOR_HTTPS_URL}` : ""}\n`);
    }
    const admin = new EmulatorAdmin(env.EMULATOR_URL, env.EMULATOR_ACCESS_KEY);
    const pem = env.EMULATOR_CA_CERT ? readFileSync(env.EMULATOR_CA_CERT, "utf8") : await admin.certificatePem();
    const caFile = path.join(tmp, "emulator-ca.pem");
    const previous = env.NODE_EXTRA_CA_CERTS ? readFileSync(env.NODE_EXTRA_CA_CERTS, "utf8") + "\n" : "";
    writeFileSync(caFile, previous + pem);
    env.EMULATOR_CA_CERT ??= caFile;
    env.NODE_EXTRA_CA_CERTS = caFile;
  }
  if (!env.COMMUNICATION_SERVICES_CONNECTION_STRING && selected.includes("live")) {
    process.stdout.write("# COMMUNICATION_SERVICES_CONNECTION_STRING is not set: the live Azure leg will be reported as skipped\n");
  }

  const testDir = path.join(root, "test");
  const only = process.argv.slice(2);
  const files = (only.length ? only : readdirSync(testDir).filter((f) => f.endsWith(".test.mjs")).sort().map((f) => path.join(testDir, f)));
  // One file at a time: the clock tests move the emulator's clock, which every file shares.
  const args = ["--test", "--test-concurrency=1", ...files];
  if (process.env.TEST_REPORTER) args.splice(1, 0, `--test-reporter=${process.env.TEST_REPORTER}`);
  const child = (runner = spawn(process.execPath, args, { cwd: root, env, stdio: "inherit" }));
  const code = await new Promise((resolve) => child.on("exit", (c, signal) => resolve(c ?? (signal ? 1 : 0))));
  return code;
}

let exitCode = 1;
try {
  exitCode = await main();
} catch (e) {
  process.stderr.write(`run-suite: ${e.message}\n`);
  exitCode = 1;
} finally {
  if (emulator) await emulator.stop();
  rmSync(tmp, { recursive: true, force: true });
}
process.exit(exitCode);
