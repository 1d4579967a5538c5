import { InvalidInputError } from "../errors/invalid-input-error.js";

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/**
 * Checks a base URL: absolute, https: (http: only on loopback or with `allowInsecureHttp`), without
 * credentials, query or fragment. Returns it without a trailing slash.
 */
export function parseEndpoint(field: string, endpoint: unknown, options?: { allowInsecureHttp?: boolean | undefined }): string {
  const allowInsecureHttp = insecureHttpAllowed(options?.allowInsecureHttp);
  if (typeof endpoint !== "string") throw new InvalidInputError(field, "must be a URL string");
  // URL parsers read a backslash as "/" in an https: URL, so https://evil.example<backslash>@fg.example.com
  // goes to evil.example while it reads as fg.example.com: such a URL is refused rather than guessed at.
  if (endpoint.includes("\\"))
    throw new InvalidInputError(field, 'must not contain "\\" (a URL parser reads it as "/", which can change the host)');
  // A host copied from an endpoint table has no scheme ("localhost:8080" would even parse, as scheme "localhost:").
  if (!endpoint.includes("://"))
    throw new InvalidInputError(field, 'must be a URL with its scheme, such as "https://host" (or "http://127.0.0.1:port")');
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    // The URL parser's error is not kept as the cause: it quotes the input, password and all.
    throw new InvalidInputError(field, "is not an absolute URL");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    throw new InvalidInputError(field, `must be https: (got ${url.protocol})`);
  if (url.protocol === "http:" && !LOOPBACK.test(url.hostname) && !allowInsecureHttp)
    throw new InvalidInputError(field, "plain http: is only allowed for loopback hosts; set allowInsecureHttp: true to opt in");
  if (url.username || url.password) throw new InvalidInputError(field, "must not carry credentials");
  if (url.search || url.hash) throw new InvalidInputError(field, "must not have a query or fragment");
  return url.href.replace(/\/+$/, "");
}

/**
 * The allowInsecureHttp option, checked: only `true` opts in, as a string such as "false" (from an
 * environment variable, say) would be truthy and send tokens over plain http.
 */
export function insecureHttpAllowed(given: unknown): boolean {
  if (given === undefined) return false;
  if (typeof given !== "boolean") throw new InvalidInputError("allowInsecureHttp", "must be true or false");
  return given;
}
