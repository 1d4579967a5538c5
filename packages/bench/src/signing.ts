// Signing throughput, sign only: the official signer and fgkit's computeSignature sign the same
// ListFunctions request in alternating blocks. Prints the signatures per second of each block as JSON.
import { createRequire } from "node:module";
import { computeSignature } from "@fgkit/helpers";
import { AK, LIST_PATH, PROJECT_ID, SK } from "./fixture.js";

interface OfficialSigner {
  sign(request: object, credential: object): Record<string, string>;
}

const [blockSize = "20000", rounds = "5"] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const { AKSKSigner } = require("@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner") as { AKSKSigner: OfficialSigner };
const { BasicCredentials } = require("@huaweicloud/huaweicloud-sdk-core") as { BasicCredentials: new () => OfficialCredentials };
interface OfficialCredentials {
  withAk(ak: string): OfficialCredentials;
  withSk(sk: string): OfficialCredentials;
}

const endpoint = `https://functiongraph.cn-north-4.myhuaweicloud.com${LIST_PATH}`;
const headers = { "Content-Type": "application/json", "X-Project-Id": PROJECT_ID };
const credential = new BasicCredentials().withAk(AK).withSk(SK);

// The request as the official client hands it to its signer (see BaseCredentials.processAuthRequest).
async function official(): Promise<void> {
  const signed = AKSKSigner.sign({ method: "GET", endpoint, headers, queryParams: {}, data: undefined }, credential);
  if (!signed.Authorization) throw new Error("official signer: no Authorization");
}

const pairs = Object.entries(headers);
async function fgkit(): Promise<void> {
  const signed = await computeSignature({ method: "GET", url: new URL(endpoint), headers: pairs }, { ak: AK, sk: SK });
  if (!signed.authorization) throw new Error("fgkit signer: no Authorization");
}

async function block(sign: () => Promise<void>, count: number): Promise<number> {
  const begin = performance.now();
  for (let i = 0; i < count; i++) await sign();
  return count / ((performance.now() - begin) / 1000);
}

const size = Number(blockSize);
await block(official, size);
await block(fgkit, size);
const results: { official: number; fgkit: number }[] = [];
for (let round = 0; round < Number(rounds); round++)
  results.push({ official: await block(official, size), fgkit: await block(fgkit, size) });
process.stdout.write(JSON.stringify(results));
