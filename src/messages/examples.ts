import { EXAMPLE_USER_ID } from "../common/example-ids";
import type { Message } from "./schemas";

// The thread of the contract's example task: Jamie's outbound email and Sarah's reply,
// with quoted history already removed from the reply. Shown in the OpenAPI document.

export const EXAMPLE_OUTBOUND_MESSAGE: Message = {
  id: "01af6b7c-8d9e-0f12-3a4b-5c6d7e8f9a0b",
  channel: "EMAIL",
  direction: "OUTBOUND",
  subject: "Quick question about your outbound stack",
  body:
    "Hi Sarah,\n\nI noticed Acme Corp recently expanded its SDR team \u2014 curious whether you're " +
    "looking at tools to help them scale outreach without sacrificing personalization.\n\n" +
    "Would a 15-minute call this week make sense?\n\nBest,\nJamie",
  sent_at: "2025-03-10T09:14:00Z",
  sender_id: EXAMPLE_USER_ID,
};

export const EXAMPLE_INBOUND_MESSAGE: Message = {
  id: "01b07c8d-9e0f-1a23-4b5c-6d7e8f9a0b1c",
  channel: "EMAIL",
  direction: "INBOUND",
  subject: "Re: Quick question about your outbound stack",
  body: "Hi Jamie, yes happy to chat. Let's do Thursday at 2pm EST.",
  sent_at: "2025-03-11T14:32:00Z",
  sender_id: null,
};

export const EXAMPLE_THREAD: Message[] = [EXAMPLE_OUTBOUND_MESSAGE, EXAMPLE_INBOUND_MESSAGE];
