import { EXAMPLE_TEMPLATE_ID } from "../common/example-ids";

export const EXAMPLE_WEBHOOK_ID = "019f1a2b-3c4d-7e5f-8a6b-7c8d9e0f1a2b";
export const EXAMPLE_DELIVERY_ID = "019f1a2c-4d5e-7f60-9b7c-8d9e0f1a2b3c";
export const EXAMPLE_EVENT_ID = "5b2e8c1d-3f4a-4b6c-9d8e-7f6a5b4c3d2e";
export const EXAMPLE_SECRET = "whsec_Jx3kQ9vR2mT8wY5pL1nB7cF4hD6gS0aZeUoIiKqWxVs";

export const WEBHOOK_EXAMPLE = {
  id: EXAMPLE_WEBHOOK_ID,
  name: "crm-sync",
  url: "https://hooks.example.com/topo/tasks",
  description: "Pushes finished tasks into the CRM.",
  event_types: ["task.completed", "task.skipped"],
  sequence_template_ids: [EXAMPLE_TEMPLATE_ID],
  status: "ACTIVE",
  disabled_reason: null,
  secret_prefix: "whsec_Jx3kQ9",
  created_at: "2025-03-13T07:00:00Z",
  updated_at: "2025-03-13T07:00:00Z",
} as const;

export const CREATED_WEBHOOK_EXAMPLE = { ...WEBHOOK_EXAMPLE, secret: EXAMPLE_SECRET } as const;

export const DELIVERY_EXAMPLE = {
  id: EXAMPLE_DELIVERY_ID,
  webhook_id: EXAMPLE_WEBHOOK_ID,
  event_id: EXAMPLE_EVENT_ID,
  event_type: "task.completed",
  status: "SUCCEEDED",
  attempt_count: 2,
  last_status_code: 200,
  last_duration_ms: 184,
  last_error: null,
  last_attempt_at: "2025-03-13T07:00:31Z",
  next_attempt_at: null,
  created_at: "2025-03-13T07:00:00Z",
  updated_at: "2025-03-13T07:00:31Z",
  attempts: [
    {
      attempt_number: 1,
      status_code: 503,
      duration_ms: 95,
      error: "The receiver answered 503.",
      attempted_at: "2025-03-13T07:00:01Z",
    },
    {
      attempt_number: 2,
      status_code: 200,
      duration_ms: 184,
      error: null,
      attempted_at: "2025-03-13T07:00:31Z",
    },
  ],
} as const;
