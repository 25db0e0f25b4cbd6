import type { MessageInsert, SequenceInsert, UserInsert } from "../../src/db/schema";
import { stripQuotedReply } from "../../src/messages/strip-quoted-reply";
import { DATASET_NOW, DAY, HOUR, MINUTE } from "./calendar";
import {
  ANSWER_EMAILS,
  CALENDAR_INVITES,
  CALENDAR_RESPONSES,
  FOLLOW_UP_EMAILS,
  INBOUND_EMAIL_REPLIES,
  LINKEDIN_INBOUND,
  LINKEDIN_OUTBOUND,
  MANUAL_INBOUND_NOTES,
  MANUAL_NOTES,
  type MessageContext,
  type TemplateContent,
} from "./content";
import type { DatasetIdFactory } from "./dataset-ids";
import { appendQuotedHistory, type QuoteStyle } from "./quoted-history";
import type { SeededRandom } from "./random";

type Channel = MessageInsert["channel"];
type Direction = MessageInsert["direction"];

export interface ThreadInput {
  sequence: SequenceInsert;
  template: TemplateContent;
  company: string;
  /** The rep who owns the run and sends its outbound messages. */
  owner: UserInsert;
}

/** The share of quoted replies written in each mail client style. */
const QUOTE_STYLE_WEIGHTS: readonly (readonly [QuoteStyle, number])[] = [
  ["reply-header", 50],
  ["outlook-header", 30],
  ["original-message", 20],
];

function firstNameOf(fullName: string): string {
  return fullName.split(" ")[0]!;
}

function chooseMessageCount(random: SeededRandom): number {
  return random.weighted([
    [0, 15],
    [1, 20],
    [2, 21],
    [3, 17],
    [4, 12],
    [5, 8],
    [6, 7],
  ]);
}

/**
 * Generates the thread of one sequence run, oldest first: 0 to 6 messages over EMAIL and
 * LINKEDIN, with an occasional MANUAL note or CALENDAR invite. Every inbound body goes
 * through stripQuotedReply, and most email replies first get the earlier email quoted below them.
 *
 * @throws Error if stripQuotedReply leaves an inbound body empty.
 */
export function generateThread(input: ThreadInput, ids: DatasetIdFactory, random: SeededRandom): MessageInsert[] {
  const { sequence, template, owner } = input;
  const context: MessageContext = {
    contactFirstName: firstNameOf(sequence.contactName),
    company: input.company,
    senderFirstName: firstNameOf(owner.name),
  };
  const hasEmail = sequence.contactEmail !== null && sequence.contactEmail !== undefined;
  const usualChannel: Channel = hasEmail && random.chance(0.8) ? "EMAIL" : "LINKEDIN";
  const subject = template.subject(context);

  const thread: MessageInsert[] = [];
  const count = chooseMessageCount(random);
  let sentAt = sequence.createdAt + random.integer(20 * MINUTE, 6 * HOUR);

  for (let index = 0; index < count && sentAt < DATASET_NOW; index++) {
    const previous = thread[thread.length - 1];
    const direction: Direction =
      previous === undefined || previous.direction === "INBOUND" || random.chance(0.45) ? "OUTBOUND" : "INBOUND";
    const channel = chooseChannel(direction, previous, usualChannel, hasEmail, random);
    const hasEarlierEmail = thread.some((message) => message.channel === "EMAIL");

    // The first email of a thread carries the template's subject, and later emails reply to it.
    let messageSubject: string | null = null;
    if (channel === "EMAIL") {
      messageSubject = hasEarlierEmail || direction === "INBOUND" ? `Re: ${subject}` : subject;
    }

    const body =
      direction === "OUTBOUND"
        ? outboundBody(channel, previous, hasEarlierEmail, template, context, random)
        : inboundBody(channel, thread, input, context, random);
    // Message times are whole seconds, as in an email's Date header.
    const sentAtSeconds = Math.floor(sentAt / 1000) * 1000;

    const message: MessageInsert = {
      id: ids.create(sentAtSeconds),
      organizationId: sequence.organizationId,
      sequenceId: sequence.id,
      channel,
      direction,
      subject: messageSubject,
      body,
      sentAt: sentAtSeconds,
      senderId: direction === "OUTBOUND" ? owner.id : null,
    };
    thread.push(message);
    sentAt += random.integer(3 * HOUR, 3 * DAY) + random.integer(0, 59) * 1000;
  }

  return thread;
}

function chooseChannel(
  direction: Direction,
  previous: MessageInsert | undefined,
  usualChannel: Channel,
  hasEmail: boolean,
  random: SeededRandom,
): Channel {
  if (previous === undefined) {
    return usualChannel;
  }
  if (direction === "INBOUND") {
    if (random.chance(0.03)) {
      return "MANUAL";
    }
    // The contact replies on the channel the rep used, and responds to an invite on CALENDAR.
    return previous.channel === "MANUAL" ? usualChannel : previous.channel;
  }
  if (previous.direction === "INBOUND" && random.chance(0.15)) {
    return "CALENDAR";
  }
  if (random.chance(0.06)) {
    return "MANUAL";
  }
  if (hasEmail && random.chance(0.15)) {
    return usualChannel === "EMAIL" ? "LINKEDIN" : "EMAIL";
  }
  return usualChannel;
}

function outboundBody(
  channel: Channel,
  previous: MessageInsert | undefined,
  hasEarlierEmail: boolean,
  template: TemplateContent,
  context: MessageContext,
  random: SeededRandom,
): string {
  switch (channel) {
    case "EMAIL":
      if (!hasEarlierEmail) {
        return template.introduction(context);
      }
      return random.pick(previous?.direction === "INBOUND" ? ANSWER_EMAILS : FOLLOW_UP_EMAILS)(context);
    case "LINKEDIN":
      return random.pick(LINKEDIN_OUTBOUND)(context);
    case "MANUAL":
      return random.pick(MANUAL_NOTES)(context);
    case "CALENDAR":
      return random.pick(CALENDAR_INVITES)(context);
  }
}

function inboundBody(
  channel: Channel,
  thread: readonly MessageInsert[],
  input: ThreadInput,
  context: MessageContext,
  random: SeededRandom,
): string {
  let raw: string;
  switch (channel) {
    case "EMAIL":
      raw = emailReplyWithHistory(random.pick(INBOUND_EMAIL_REPLIES)(context), thread, input, random);
      break;
    case "LINKEDIN":
      raw = random.pick(LINKEDIN_INBOUND)(context);
      break;
    case "MANUAL":
      raw = random.pick(MANUAL_INBOUND_NOTES)(context);
      break;
    case "CALENDAR":
      raw = random.pick(CALENDAR_RESPONSES)(context);
      break;
  }

  const body = stripQuotedReply(raw);
  if (body.trim() === "") {
    throw new Error(`stripQuotedReply left nothing of the inbound body ${JSON.stringify(raw)}.`);
  }
  return body;
}

/** Adds the last outbound email below most replies, as a mail client quoting it would. */
function emailReplyWithHistory(
  reply: string,
  thread: readonly MessageInsert[],
  input: ThreadInput,
  random: SeededRandom,
): string {
  const quoted = thread.findLast((message) => message.channel === "EMAIL" && message.direction === "OUTBOUND");
  if (quoted === undefined || !random.chance(0.65)) {
    return reply;
  }

  return appendQuotedHistory(
    reply,
    {
      senderName: input.owner.name,
      senderEmail: input.owner.email,
      recipientName: input.sequence.contactName,
      recipientEmail: input.sequence.contactEmail ?? null,
      subject: quoted.subject ?? "",
      body: quoted.body,
      sentAt: quoted.sentAt,
    },
    random.weighted(QUOTE_STYLE_WEIGHTS),
  );
}
