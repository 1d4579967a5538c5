// A certificate the client refuses (self-signed, expired, another host's), or TLS spoken to a port
// that does not speak it, fails every handshake alike: the call ends at its first attempt, GET or POST,
// rather than making the same handshake three times.
import { createServer as createHttpServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createServer as createTlsServer } from "node:tls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultFetch, FunctionGraphError, withRetry } from "../../src/index.js";

// A self-signed P-256 certificate (valid to 2126), made for this test with openssl.
const KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg8U9zscdbgXmDpdJT
gG+gRPUNMAxANcAyjcFLnJDcDXChRANCAAShdy16mwcI48RQDFRoYXLTUj+gGQd1
jXyDP4XcnRR3GiaqLo5nlE4NlLY3vWZtTPPdLeVMjUzn5va5VDCM+WIS
-----END PRIVATE KEY-----`;
const CERT = `-----BEGIN CERTIFICATE-----
MIIBmzCCAUGgAwIBAgIUMnjVQVjlWnQ4LHuRr2IIwWoLOnAwCgYIKoZIzj0EAwIw
IjEgMB4GA1UEAwwXZmdraXQgdGVzdCwgc2VsZi1zaWduZWQwIBcNMjYxMTMwMjEz
MzUyWhgPMjEyNjExMDYyMTMzNTJaMCIxIDAeBgNVBAMMF2Zna2l0IHRlc3QsIHNl
bGYtc2lnbmVkMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEoXctepsHCOPEUAxU
aGFy01I/oBkHdY18gz+F3J0Udxomqi6OZ5RODZS2N71mbUzz3S3lTI1M5+b2uVQw
jPliEqNTMFEwHQYDVR0OBBYEFOBLvmcvi/Qimx4VOFHHf4nS890eMB8GA1UdIwQY
MBaAFOBLvmcvi/Qimx4VOFHHf4nS890eMA8GA1UdEwEB/wQFMAMBAf8wCgYIKoZI
zj0EAwIDSAAwRQIgL+iz17bF6JQoZak/B3aAePH29F71f3QZZY7oJhRzDykCIQCy
qC3WKY0E3RpzR2/Ilr1wuGsmfgp0SphTSh80FIdKSA==
-----END CERTIFICATE-----`;

let connections = 0;
const selfSigned = createTlsServer({ key: KEY, cert: CERT }, (socket) => socket.end());
selfSigned.on("connection", () => connections++);
const plainHttp: Server = createHttpServer((_, res) => res.end("{}"));
plainHttp.on("connection", () => connections++);

const listen = (server: { listen: (port: number, host: string, done: () => void) => unknown }) =>
  new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const urlOf = (server: { address: () => unknown }, path: string) =>
  `https://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;

beforeAll(async () => {
  await listen(selfSigned);
  await listen(plainHttp);
});
afterAll(async () => {
  await new Promise((resolve) => selfSigned.close(resolve));
  await new Promise((resolve) => plainHttp.close(resolve));
});

describe("a refused certificate is not retried", () => {
  const fetch = withRetry(defaultFetch, { baseDelayMs: 1, random: () => 0 });

  it.each([
    ["GET", "a self-signed certificate", () => urlOf(selfSigned, "/v2/p/fgs/quotas"), /DEPTH_ZERO_SELF_SIGNED_CERT/],
    ["POST", "a self-signed certificate", () => urlOf(selfSigned, "/v2/p/fgs/functions"), /DEPTH_ZERO_SELF_SIGNED_CERT/],
    ["GET", "TLS to a plain HTTP port", () => urlOf(plainHttp, "/v2/p/fgs/quotas"), /ERR_SSL_WRONG_VERSION_NUMBER/],
  ])("%s over %s: one attempt, the reason named", async (method, _, url, reason) => {
    connections = 0;
    const init = method === "POST" ? { method, body: "{}" } : { method };
    const error = await fetch(new Request(url(), init)).catch((e: unknown) => e);
    expect(FunctionGraphError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: "NetworkError", attempts: 1 });
    expect((error as Error).message).toMatch(reason);
    expect(connections).toBe(1);
  });
});
