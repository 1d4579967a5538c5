/// <reference types="node" />
// The User-Agent of the Node transport. Node's fetch sends one of its own and so does the official
// SDK; undici's dispatch() sends none, and a request without one is the kind a gateway or firewall
// may treat as a bot. Browsers, Deno, Bun and workers send their own, so only Node needs this.

// The package's version, put in by the build (esbuild `define`); the modules tsc leaves in dist/
// for the package's own tests, which are never published for Node, do without it.
declare const FGKIT_HELPERS_VERSION: string | undefined;

const version = typeof FGKIT_HELPERS_VERSION === "string" ? FGKIT_HELPERS_VERSION : "dev";

/** `fgkit/0.1.0 Node.js/20.20.2 (linux; x64)`, as Octokit and the AWS SDK name themselves. */
export const NODE_USER_AGENT = `fgkit/${version} Node.js/${process.versions.node} (${process.platform}; ${process.arch})`;
