import type { Database } from "../../db/client";
import type { StatusChange } from "../apply-status-change";
import { completeChange } from "../complete-task";
import { reopenChange } from "../reopen-task";
import { skipChange } from "../skip-task";
import { startChange } from "../start-task";
import { reassignChange } from "./reassign-change";
import type { BulkTaskActionRequest } from "./schemas";

/** Returns the change that a bulk action applies to each task: the same one as its single-task operation. */
export function changeOfBulkAction(db: Database, organizationId: string, request: BulkTaskActionRequest): StatusChange {
  switch (request.action) {
    case "skip":
      return skipChange;
    case "reopen":
      return reopenChange;
    case "start":
      return startChange;
    case "complete":
      return completeChange(request.disposition);
    case "reassign":
      return reassignChange(db, organizationId, request.assignee_user_id);
  }
}
