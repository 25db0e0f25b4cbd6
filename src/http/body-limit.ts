import { bodyLimit } from "hono/body-limit";

import { ApiError, ERROR_KINDS, MAX_BODY_BYTES } from "./errors";

/**
 * Rejects request bodies over MAX_BODY_BYTES with a 413 before they are parsed. The largest
 * valid body, a reassignment, is under 200 bytes.
 */
export const limitBodySize = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: () => {
    throw new ApiError("payloadTooLarge", ERROR_KINDS.payloadTooLarge.example, {
      data: { max_bytes: MAX_BODY_BYTES },
    });
  },
});
