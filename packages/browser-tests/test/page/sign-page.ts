// The page script: exposes the signer to the test. Bundled by the test with esbuild (platform
// "browser"), with @fgkit/helpers imported by name so that esbuild picks the package's browser
// export when it has one.
import type { SignOutcome, SignPageGlobals } from "./protocol.js";
import { sign } from "./sign.js";

const page = globalThis as unknown as SignPageGlobals;
page.fgkitEnvironment = () => ({
  userAgent: navigator.userAgent,
  isSecureContext: globalThis.isSecureContext,
  hasSubtleCrypto: typeof globalThis.crypto?.subtle?.sign === "function",
  hasProcess: "process" in globalThis,
});
page.fgkitSign = async (cases) => {
  const outcomes: SignOutcome[] = [];
  for (const c of cases) outcomes.push(await sign(c));
  return outcomes;
};
page.fgkitReady = true;
