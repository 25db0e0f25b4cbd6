// The ids that the contract's examples use. The OpenAPI document shows them, and the
// development dataset creates rows with them so the examples work against a local server.

export const EXAMPLE_TASK_ID = "019e5f6a-7b8c-9d01-2e3f-4a5b6c7d8e9f";
export const EXAMPLE_ORGANIZATION_ID = "018e9d8c-7b6a-7f5e-4d3c-2b1a0f9e8d7c";
export const EXAMPLE_SEQUENCE_ID = "018f3c1a-4b2d-7e8f-9a0b-1c2d3e4f5a6b";
export const EXAMPLE_USER_ID = "019d4e5f-6a7b-8c91-0d2e-3f4a5b6c7d8e";
export const EXAMPLE_NEW_ASSIGNEE_ID = "01c1d2e3-f4a5-6b78-9c0d-e1f2a3b4c5d6";
// Not in the contract, which shows no template; the dataset gives the example run this one.
export const EXAMPLE_TEMPLATE_ID = "018f2b0c-3a1d-7c4e-8f5a-6b7c8d9e0f1a";
// The key of GET /v1/me's example, which task events name as their actor.
export const EXAMPLE_API_KEY_ID = "0193a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b";
// Task events of the examples; event ids are random (version 4) UUIDs.
export const EXAMPLE_EVENT_ID = "7c1e9a42-5d3b-4f80-9e26-1b4a8c0d3f57";
export const EXAMPLE_REOPENED_EVENT_ID = "2f6d0b8e-93a4-4c1d-b7e5-0a9c3e6f1d24";
export const EXAMPLE_REASSIGNED_EVENT_ID = "c48a1f06-7e2b-4d95-8c3a-5f0e9b2d7a61";
