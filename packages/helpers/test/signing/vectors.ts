// The official signer's vectors (copied from the project's signing reference), typed once for every test.
import fixture from "./vectors.fixture.json" with { type: "json" };

export interface Vector {
  name: string;
  ak: string;
  sk: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | null;
  expected: { authorization: string; signed_headers: string; canonical_request: string; string_to_sign: string };
}

export const vectors = fixture.vectors as unknown as Vector[];
