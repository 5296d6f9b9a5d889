// Run as a separate node process by test/https.test.mjs, so that NODE_EXTRA_CA_CERTS (read only at process
// start) is exactly what the test chose. Creates and deletes one user over https with the connection string in
// PROBE_CONNECTION_STRING and prints one JSON line: {"ok":true} or {"ok":false,"code":...,"message":...}.
import { CommunicationIdentityClient } from "@azure/communication-identity";

const client = new CommunicationIdentityClient(process.env.PROBE_CONNECTION_STRING, { retryOptions: { maxRetries: 0 } });
try {
  const user = await client.createUser();
  await client.deleteUser(user);
  console.log(JSON.stringify({ ok: true }));
} catch (e) {
  console.log(JSON.stringify({ ok: false, name: e.name, code: e.code, message: e.message }));
  process.exitCode = 3;
}
