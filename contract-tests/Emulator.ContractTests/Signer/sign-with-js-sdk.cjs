// Signs requests with the real JS SDK's access-key policy (@azure/communication-common's
// createCommunicationAccessKeyCredentialPolicy) and prints the headers it set, so that JsSdkSignerTests can compare
// them with this suite's C# signer.
//
//   node sign-with-js-sdk.cjs <contract-tests/js/node_modules>   < requests.json
//   requests.json: {"accessKey": "<base64>", "date": "<ISO>", "requests": [{"method","url","body"?}]}
// Prints: [{"x-ms-date","x-ms-content-sha256","host","authorization"}] in request order.
"use strict";
const path = require("node:path");

const modules = process.argv[2];
if (!modules) {
  console.error("usage: node sign-with-js-sdk.cjs <path to contract-tests/js/node_modules>");
  process.exit(2);
}

const load = (name) => require(path.join(modules, name));
const { createCommunicationAccessKeyCredentialPolicy } = load("@azure/communication-common");
const { AzureKeyCredential } = load("@azure/core-auth");
const { createPipelineRequest, createHttpHeaders } = load("@azure/core-rest-pipeline");

async function main() {
  const input = JSON.parse(require("node:fs").readFileSync(0, "utf8"));

  // The policy reads the clock with `new Date()`: pin it so both signers sign the same date.
  const fixed = Date.parse(input.date);
  const RealDate = Date;
  global.Date = class extends RealDate {
    constructor(...args) {
      super(...(args.length ? args : [fixed]));
    }
    static now() {
      return fixed;
    }
  };

  const policy = createCommunicationAccessKeyCredentialPolicy(new AzureKeyCredential(input.accessKey));
  const results = [];
  for (const r of input.requests) {
    const request = createPipelineRequest({ url: r.url, method: r.method, headers: createHttpHeaders() });
    if (r.body !== undefined && r.body !== null) request.body = r.body;
    await policy.sendRequest(request, async (signed) => {
      results.push({
        "x-ms-date": signed.headers.get("x-ms-date"),
        "x-ms-content-sha256": signed.headers.get("x-ms-content-sha256"),
        host: signed.headers.get("host"),
        authorization: signed.headers.get("authorization"),
      });
      return { request: signed, status: 200, headers: createHttpHeaders() };
    });
  }
  process.stdout.write(JSON.stringify(results));
}

main().catch((error) => {
  console.error(error?.stack ?? String(error));
  process.exit(1);
});
