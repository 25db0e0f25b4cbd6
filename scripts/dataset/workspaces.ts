import type { OrganizationInsert } from "../../src/db/schema";
import { EXAMPLE_ORGANIZATION_ID } from "../../src/common/example-ids";

/** The workspace that the contract's examples belong to. */
export const EXAMPLE_WORKSPACE = {
  id: EXAMPLE_ORGANIZATION_ID,
  name: "Acme Demo",
  createdAt: Date.UTC(2024, 9, 1, 8, 0, 0),
} as const satisfies OrganizationInsert;

/** A second workspace, so that every query can be checked for rows leaking across workspaces. */
export const SECOND_WORKSPACE = {
  id: "0192f630-1800-7b2e-9d41-6e8f0a2c4b17",
  name: "Globex Demo",
  createdAt: Date.UTC(2024, 10, 4, 8, 0, 0),
} as const satisfies OrganizationInsert;
