// On Node, calls name fgkit and the helpers' published version in User-Agent, unsigned (added after
// signing, as the official SDK adds its own), and a User-Agent the caller sets wins.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { unwrap } from "../../src/index.js";
import { json } from "./scripted-server.js";
import { byUrn, CONFIG, clientFor, SAMPLE_CONFIG, useScriptedServer } from "./setup.js";

const server = useScriptedServer();
const helpers = JSON.parse(readFileSync(new URL("../../../helpers/package.json", import.meta.url), "utf8")) as {
  version: string;
};
const signedHeaders = (authorization: unknown) => /SignedHeaders=([^,]+)/.exec(String(authorization))?.[1]?.split(";");

describe("User-Agent", () => {
  it("names fgkit's version and Node's, and is not signed", async () => {
    server.current.script(json(200, SAMPLE_CONFIG));
    await unwrap(clientFor(server.current.url).GET(CONFIG, byUrn));
    const [request] = server.current.requests;
    expect(request?.headers["user-agent"]).toBe(
      `fgkit/${helpers.version} Node.js/${process.versions.node} (${process.platform}; ${process.arch})`,
    );
    expect(signedHeaders(request?.headers.authorization)).not.toContain("user-agent");
    expect(signedHeaders(request?.headers.authorization)).toContain("host");
  });

  it("one set by the caller is sent instead (and signed, as every header given to a call is)", async () => {
    server.current.script(json(200, SAMPLE_CONFIG));
    await unwrap(clientFor(server.current.url, { headers: { "User-Agent": "my-app/2.0" } }).GET(CONFIG, byUrn));
    const [request] = server.current.requests;
    expect(request?.headers["user-agent"]).toBe("my-app/2.0");
    expect(signedHeaders(request?.headers.authorization)).toContain("user-agent");
  });
});
