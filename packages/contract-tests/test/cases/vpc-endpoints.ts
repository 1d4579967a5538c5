import { expect } from "vitest";
import { type ContractCase, contract, notFoundContract, PREFER_404 } from "../support.js";

const VPC_ID = "3d1f5a7c-9e2b-4c6d-8f0a-2b4c6d8e0f1a";
const SUBNET_ID = "7a9c1e3f-5b7d-4f9a-b1c3-d5e7f9a1b3c5";
const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

export const vpcEndpointsCases: ContractCase[] = [
  contract(
    "createVpcEndpoint",
    200,
    (c) =>
      c.POST("/v2/{project_id}/fgs/vpc-endpoint", {
        body: { xrole: "fgs_vpc_agency", vpc_id: VPC_ID, subnet_id: SUBNET_ID },
      }),
    (data) => {
      expect(data.endpoints?.length).toBeGreaterThan(0);
      for (const ip of data.endpoints ?? []) expect(ip).toMatch(IPV4);
      expect(data.address).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/);
    },
  ),
  contract(
    "deleteVpcEndpoint",
    204,
    (c) =>
      c.DELETE("/v2/{project_id}/fgs/vpc-endpoint/{vpc_id}/{subnet_id}", {
        params: { path: { vpc_id: VPC_ID, subnet_id: SUBNET_ID } },
      }),
    (data) => expect(data).toBeUndefined(),
  ),
];

export const vpcEndpointsError: ContractCase | undefined = notFoundContract("deleteVpcEndpoint", (c) =>
  c.DELETE("/v2/{project_id}/fgs/vpc-endpoint/{vpc_id}/{subnet_id}", {
    params: { path: { vpc_id: VPC_ID, subnet_id: SUBNET_ID } },
    headers: PREFER_404,
  }),
);
