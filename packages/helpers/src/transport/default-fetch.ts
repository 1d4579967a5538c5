import { DraftRequestClass, platformFetch } from "#platform";
import type { FetchLike } from "./types.js";

/**
 * The transport a client uses when given none: on Node a keep-alive connection pool over
 * node:http/https (several times cheaper per call than Node's fetch), elsewhere the global fetch.
 * Chosen by export condition, so browser bundles never include the Node one.
 */
export const defaultFetch: FetchLike = platformFetch;

/**
 * For fgkit's client: the Request class to hand openapi-fetch when nothing needs a real Request
 * (see DraftRequest); undefined where the direct path does not exist (everywhere but Node).
 */
export const draftRequestClass: (new (input: string | URL, init?: RequestInit) => object) | undefined = DraftRequestClass;
