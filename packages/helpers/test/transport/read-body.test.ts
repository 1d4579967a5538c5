// readBody: a whole body read from a fetch Response, chunk by chunk, up to maxBytes.
import { describe, expect, it } from "vitest";
import { FunctionGraphError } from "../../src/index.js";
import { readBody } from "../../src/transport/read-body.js";

const request = new Request("https://fg.example.com/v2/p/fgs/functions");
const inChunks = (...chunks: string[]) =>
  new Response(
    new ReadableStream({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
        controller.close();
      },
    }),
  );

describe("readBody", () => {
  it("joins a body that came in several chunks in order, each at its own place", async () => {
    const body = await readBody(inChunks("ab", "cde", "f"), request, 100);
    expect(new TextDecoder().decode(body)).toBe("abcdef");
  });

  it("takes a body whose declared Content-Length is exactly maxBytes, and refuses one byte more", async () => {
    const declared = (n: number) => new Response("x".repeat(n), { headers: { "content-length": String(n) } });
    expect((await readBody(declared(10), request, 10)).byteLength).toBe(10);
    const over = await readBody(declared(11), request, 10).catch((error: unknown) => error);
    expect(FunctionGraphError.isInstance(over) && over.code).toBe("ResponseTooLarge");
  });
});
