import { EXAMPLE_TASK_ID } from "../../common/example-ids";
import { buildErrorBody } from "../../http/error-body";
import { SKIPPED_TASK_EXAMPLE } from "../examples";
import type { BulkTaskActionRequest } from "./schemas";

// The bulk action of the OpenAPI document's examples: a skip of two tasks, of which the
// second is already finished.

export const EXAMPLE_SECOND_TASK_ID = "019e5f6b-0c1d-7e2f-8a3b-4c5d6e7f8a9b";

export const BULK_ACTION_REQUEST_EXAMPLE: BulkTaskActionRequest = {
  action: "skip",
  task_ids: [EXAMPLE_TASK_ID, EXAMPLE_SECOND_TASK_ID],
};

export const BULK_ACTION_RESPONSE_EXAMPLE = {
  results: [
    { task_id: EXAMPLE_TASK_ID, status_code: 200, task: SKIPPED_TASK_EXAMPLE, error: null },
    {
      task_id: EXAMPLE_SECOND_TASK_ID,
      status_code: 422,
      task: null,
      error: buildErrorBody(
        "business",
        `Task ${EXAMPLE_SECOND_TASK_ID} is COMPLETED; only PENDING or IN_PROGRESS tasks can be skipped.`,
        "01934f7a-1c2d-7e3f-8a4b-5c6d7e8f9a0b",
        {
          task_id: EXAMPLE_SECOND_TASK_ID,
          current_status: "COMPLETED",
          allowed_statuses: ["PENDING", "IN_PROGRESS"],
        },
      ),
    },
  ],
  succeeded_count: 1,
  failed_count: 1,
};
