import { ApiError } from "../http/errors";

/** Builds the 404 for a webhook that does not exist or belongs to another workspace, which look alike. */
export function webhookNotFound(webhookId: string): ApiError {
  return new ApiError("notFound", `Webhook ${webhookId} was not found.`, { data: { webhook_id: webhookId } });
}

export function deliveryNotFound(webhookId: string, deliveryId: string): ApiError {
  return new ApiError("notFound", `Delivery ${deliveryId} of webhook ${webhookId} was not found.`, {
    data: { webhook_id: webhookId, delivery_id: deliveryId },
  });
}

/** Builds the 400 for a URL that the URL rules reject, in the shape of every other validation error. */
export function invalidWebhookUrl(reason: string): ApiError {
  return new ApiError("validation", `Invalid body: url ${reason}.`, {
    data: { issues: [{ location: "body", name: "url", message: reason }] },
  });
}

/** Builds the 422 for template ids that are not templates of the caller's workspace. */
export function unknownTemplates(templateIds: readonly string[]): ApiError {
  return new ApiError("business", `Sequence template ${templateIds.join(", ")} is not a template of this workspace.`, {
    data: { sequence_template_ids: [...templateIds] },
  });
}
