// A small web app for the Aspire sample: it gets the emulator's connection string from the AppHost
// (ConnectionStrings__acs, set by WithReference) and uses the real JavaScript SDK with it.
//   GET /health  200 once listening
//   GET /token   creates a user with a chat token: 200 {"userId","token","expiresOn"}
import { createServer } from "node:http";
import { CommunicationIdentityClient } from "@azure/communication-identity";

const connectionString = process.env.ConnectionStrings__acs;
if (!connectionString) {
  console.error("ConnectionStrings__acs is not set: run this app from the AppHost (WithReference(acs)).");
  process.exit(1);
}
// The connection string points at the emulator's http:// endpoint.
const client = new CommunicationIdentityClient(connectionString, { allowInsecureConnection: true });

const server = createServer(async (request, response) => {
  const send = (status, body) => {
    response.writeHead(status, { "content-type": "application/json" });
    response.end(JSON.stringify(body));
  };
  try {
    if (request.method === "GET" && request.url === "/health") {
      send(200, { status: "ok" });
    } else if (request.method === "GET" && request.url === "/token") {
      const { user, token, expiresOn } = await client.createUserAndToken(["chat"]);
      console.log(`created ${user.communicationUserId} with a chat token`);
      send(200, { userId: user.communicationUserId, token, expiresOn });
    } else {
      send(404, { error: `no route ${request.method} ${request.url}` });
    }
  } catch (error) {
    console.error(`request failed: ${error.message}`);
    send(502, { error: error.message });
  }
});

const port = Number(process.env.PORT ?? 0);
server.listen(port, "localhost", () => console.log(`listening on http://localhost:${server.address().port}`));
