// parseEndpoint: which base URLs a client or IAM exchange may be pointed at.
import { describe, expect, it } from "vitest";
import { parseEndpoint } from "../../src/transport/endpoint.js";

describe("parseEndpoint", () => {
  it("takes plain http: for a loopback host only: localhost, 127.x.y.z and [::1]", () => {
    for (const base of [
      "http://localhost:8080",
      "http://LOCALHOST",
      "http://127.0.0.1:9000",
      "http://127.1.2.3",
      "http://[::1]:8080",
    ])
      expect(parseEndpoint("endpoint", base), base).toBe(base.toLowerCase());
  });

  it("refuses plain http: for a host that only begins or ends like a loopback one", () => {
    for (const base of [
      "http://localhost.example.com",
      "http://127.0.0.1.nip.io",
      "http://my-localhost",
      "http://fg.example.com",
    ])
      expect(() => parseEndpoint("endpoint", base), base).toThrow("endpoint: plain http: is only allowed for loopback hosts");
  });

  it("refuses credentials, even a password alone, and a query or a fragment", () => {
    for (const base of ["https://user@fg.example.com", "https://:secret@fg.example.com", "https://u:p@fg.example.com"])
      expect(() => parseEndpoint("endpoint", base), base).toThrow("endpoint: must not carry credentials");
    for (const base of ["https://fg.example.com/?a=1", "https://fg.example.com/#part"])
      expect(() => parseEndpoint("endpoint", base), base).toThrow("endpoint: must not have a query or fragment");
  });

  it("refuses a backslash, which the URL parser reads as a slash (the host would not be the one it seems)", () => {
    expect(new URL("https://evil.example\\@fg.example.com").hostname).toBe("evil.example");
    for (const base of ["https://evil.example\\@fg.example.com", "https://fg.example.com\\base", "http:\\\\localhost:8080"])
      expect(() => parseEndpoint("endpoint", base), base).toThrow('endpoint: must not contain "\\"');
  });

  it("says a URL without its scheme needs one (a host copied from an endpoint table, a loopback port)", () => {
    for (const base of ["iam.cn-north-4.myhuaweicloud.com", "localhost:8080", "127.0.0.1:9000", "169.254.169.254"])
      expect(() => parseEndpoint("iamEndpoint", base), base).toThrow(
        'iamEndpoint: must be a URL with its scheme, such as "https://host" (or "http://127.0.0.1:port")',
      );
  });

  it("returns the URL without its trailing slashes", () => {
    expect(parseEndpoint("endpoint", "https://fg.example.com/base//")).toBe("https://fg.example.com/base");
    expect(parseEndpoint("endpoint", "https://fg.example.com")).toBe("https://fg.example.com");
  });
});
