import { DraftRequestClass, platformFetch } from "#platform";
import type { FetchLike } from "./types.js";

/**
 * The transport a client uses when given none: the global fetch, and on Node beside it a direct
 * entry point into the connection pool under Node's fetch (several times cheaper per call than
 * fetch itself) for fgkit's own layers. Chosen by export condition, so browser bundles never
 * include the Node one.
 */
export const defaultFetch: FetchLike = platformFetch;

/**
 * For fgkit's client: the Request class to hand openapi-fetch when nothing needs a real Request
 * (see DraftRequest); undefined where the direct path does not exist (everywhere but Node).
 */
export const draftRequestClass: (new (input: string | URL, init?: RequestInit) => object) | undefined = DraftRequestClass;
