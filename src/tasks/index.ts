import type { OpenAPIHono } from "@hono/zod-openapi";

import type { AppEnv } from "../env";
import { registerApplyBulkTaskAction } from "./bulk/apply-bulk-task-action";
import { registerCompleteTask } from "./complete-task";
import { registerGetTask } from "./get-task";
import { registerListTasks } from "./list-tasks";
import { registerReassignTask } from "./reassign-task";
import { registerReopenTask } from "./reopen-task";
import { registerSkipTask } from "./skip-task";
import { registerStartTask } from "./start-task";

export function registerTaskRoutes(app: OpenAPIHono<AppEnv>) {
  registerListTasks(app);
  registerGetTask(app);
  registerSkipTask(app);
  registerReopenTask(app);
  registerReassignTask(app);
  registerStartTask(app);
  registerCompleteTask(app);
  registerApplyBulkTaskAction(app);
}
