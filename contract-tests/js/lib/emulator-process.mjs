// Starts the emulator as a real child process (`dotnet Emulator.dll ...`) on free ports and stops it again.
// Used by scripts/run-suite.mjs (once for the whole run) and, as a fallback, by a test file run on its own.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, createWriteStream, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, "..", "..", "..");
export const defaultDll = path.join(repoRoot, "emulator", "Emulator", "bin", "Release", "net10.0", "Emulator.dll");

/** Asks the OS for a free TCP port on the loopback interface. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts `dotnet <dll> --port P --https-port Q --access-key K --data-dir D` and waits for
 * GET /emulator/health/ready = 200. Returns { url, httpsUrl, accessKey, stop() }.
 * The access key is random and never printed; the emulator's own log goes to a file in the data dir's parent
 * and is shown (with the key redacted) only when the emulator fails to start.
 */
export async function startEmulator({ dll = process.env.EMULATOR_DLL || defaultDll, host = "localhost", readyTimeoutMs = 120_000 } = {}) {
  if (!existsSync(dll)) {
    throw new Error(
      `Emulator not found at ${dll}. Build it first (dotnet build -c Release emulator/Emulator), ` +
        `set EMULATOR_DLL to the built Emulator.dll, or set EMULATOR_URL to a running emulator.`,
    );
  }
  const port = await freePort();
  let httpsPort = await freePort();
  while (httpsPort === port) httpsPort = await freePort();
  const accessKey = randomBytes(32).toString("base64");
  const workDir = mkdtempSync(path.join(tmpdir(), "acs-emulator-js-"));
  const dataDir = path.join(workDir, "data");
  const logFile = path.join(workDir, "emulator.log");
  const log = createWriteStream(logFile);
  const child = spawn(
    "dotnet",
    [dll, "--port", String(port), "--https-port", String(httpsPort), "--access-key", accessKey, "--data-dir", dataDir],
    { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, DOTNET_NOLOGO: "1" } },
  );
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  let exited = null;
  child.on("exit", (code, signal) => {
    exited = { code, signal };
  });

  const url = `http://${host}:${port}`;
  const httpsUrl = `https://${host}:${httpsPort}`;
  const redactedLog = () => {
    try {
      return readFileSync(logFile, "utf8").split(accessKey).join("<access-key>").split("\n").slice(-60).join("\n");
    } catch {
      return "(no log)";
    }
  };

  const stop = async () => {
    if (exited === null) {
      child.kill("SIGTERM");
      for (let i = 0; i < 50 && exited === null; i++) await sleep(100);
      if (exited === null) child.kill("SIGKILL");
      for (let i = 0; i < 20 && exited === null; i++) await sleep(100);
    }
    log.end();
    if (!process.env.KEEP_EMULATOR_LOG) rmSync(workDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + readyTimeoutMs;
  let lastStatus = "no answer";
  while (Date.now() < deadline) {
    if (exited !== null) {
      const text = redactedLog();
      await stop();
      throw new Error(`Emulator exited before it was ready (code ${exited.code}, signal ${exited.signal}). Last log lines:\n${text}`);
    }
    try {
      const res = await fetch(`${url}/emulator/health/ready`, { signal: AbortSignal.timeout(2000) });
      lastStatus = String(res.status);
      await res.arrayBuffer();
      if (res.status === 200) {
        return { url, httpsUrl, accessKey, port, httpsPort, pid: child.pid, logFile, stop };
      }
    } catch (e) {
      lastStatus = e.cause?.code || e.message;
    }
    await sleep(250);
  }
  const text = redactedLog();
  await stop();
  throw new Error(`Emulator not ready after ${readyTimeoutMs} ms (last: ${lastStatus}). Last log lines:\n${text}`);
}
