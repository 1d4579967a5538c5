// Keys that fgkit hands back print and serialise with their secrets redacted (console.log, a JSON log
// line), while the fields themselves stay readable, enumerable and unchanged.
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { accessKeysFromEnv, resolveCredentials } from "../../src/index.js";

const AK = "HPUAEXAMPLEAK0123456";
const SK = "example-secret-key-0123456789";
const TOKEN = "example-security-token";

const printed = (value: unknown) =>
  `${JSON.stringify(value)} ${inspect(value, { showHidden: true, depth: 9 })} ${inspect({ nested: [value] }, { depth: 9 })}`;

describe("secrets in what fgkit hands back", () => {
  it("accessKeysFromEnv: the SK and the security token are redacted in print, whole when read", () => {
    const keys = accessKeysFromEnv({
      HUAWEICLOUD_SDK_AK: AK,
      HUAWEICLOUD_SDK_SK: SK,
      HUAWEICLOUD_SDK_SECURITY_TOKEN: TOKEN,
    });
    expect(printed(keys)).not.toContain(SK);
    expect(printed(keys)).not.toContain(TOKEN);
    expect(printed(keys)).toContain(AK);
    expect(JSON.stringify(keys)).toBe(`{"ak":"${AK}","sk":"[REDACTED]","securityToken":"[REDACTED]"}`);
    expect({ ...keys }).toEqual({ ak: AK, sk: SK, securityToken: TOKEN });
    expect(printed(accessKeysFromEnv({ HUAWEICLOUD_SDK_AK: AK, HUAWEICLOUD_SDK_SK: SK }))).not.toContain(SK);
  });

  it("a pair given swapped (the SK as ak): the ak is redacted too; an access key id is shown", () => {
    // Access key ids are upper-case letters and digits; this SK is not, so it is not shown as one.
    for (const keys of [
      accessKeysFromEnv({ HUAWEICLOUD_SDK_AK: SK, HUAWEICLOUD_SDK_SK: AK }),
      resolveCredentials({ ak: SK, sk: AK }),
    ]) {
      expect(printed(keys)).not.toContain(SK);
      expect(printed(keys)).not.toContain(AK);
    }
    expect(JSON.stringify(accessKeysFromEnv({ HUAWEICLOUD_SDK_AK: SK, HUAWEICLOUD_SDK_SK: AK }))).toBe(
      '{"ak":"[REDACTED]","sk":"[REDACTED]"}',
    );
  });

  it("resolveCredentials: the result prints redacted; the caller's keys object is left as it was", () => {
    const keys = { ak: AK, sk: SK, securityToken: TOKEN };
    const resolved = resolveCredentials(keys);
    expect(printed(resolved)).not.toContain(SK);
    expect(printed(resolved)).not.toContain(TOKEN);
    expect(printed(resolved)).toContain(AK);
    expect(resolved).toMatchObject({ kind: "accessKey", credentials: keys });
    expect(Object.getOwnPropertyNames(keys)).toEqual(["ak", "sk", "securityToken"]);
    expect(printed(resolveCredentials({ token: TOKEN }))).not.toContain(TOKEN);
  });

  it("a copy saved with JSON.stringify holds the placeholder, which is refused by name rather than sent", () => {
    const keys = accessKeysFromEnv({ HUAWEICLOUD_SDK_AK: AK, HUAWEICLOUD_SDK_SK: SK, HUAWEICLOUD_SDK_SECURITY_TOKEN: TOKEN });
    const saved = JSON.parse(JSON.stringify(keys));
    expect(() => resolveCredentials(saved)).toThrow(
      'credentials.sk: is "[REDACTED]", what fgkit prints in place of a secret: save the secret itself, not JSON.stringify of the object that held it',
    );
    expect(() => resolveCredentials({ ...saved, sk: SK })).toThrow(/^credentials\.securityToken: is "\[REDACTED\]"/);
    expect(() => resolveCredentials({ token: "[REDACTED]" })).toThrow(/^credentials\.token: is "\[REDACTED\]"/);
    // The secret itself, saved, works; and the printing methods can be replaced like any method.
    expect(resolveCredentials({ ak: keys.ak, sk: keys.sk }).kind).toBe("accessKey");
    const own = Object.assign(keys, { toJSON: () => ({ ...keys }) });
    expect(JSON.stringify(own)).toContain(SK);
  });
});
