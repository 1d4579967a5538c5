/** The shape every transport layer has: a fetch that takes a Request. */
export type FetchLike = (request: Request) => Promise<Response>;
