// Builds inbound email bodies as mail clients send them: the new text followed by the
// earlier message. The dataset passes these raw bodies through stripQuotedReply, as the
// import of real mail does. Dates print in UTC, as if the sender's client were set to UTC.

export const QUOTE_STYLES = ["reply-header", "outlook-header", "original-message"] as const;

/**
 * reply-header: "On Mon, Mar 10, 2025 at 9:14 AM Name <email> wrote:" and "> " lines (Gmail, Apple Mail).
 * outlook-header: a rule, then a From/Sent/To/Subject block and the unquoted text (Outlook).
 * original-message: "-----Original Message-----", then the same block (older Outlook and Exchange).
 */
export type QuoteStyle = (typeof QUOTE_STYLES)[number];

export interface QuotedEmail {
  senderName: string;
  senderEmail: string;
  recipientName: string;
  recipientEmail: string | null;
  subject: string;
  body: string;
  sentAt: number;
}

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** Formats a time of day as "9:14 AM". */
function formatClock(date: Date): string {
  const hours = date.getUTCHours();
  const minutes = String(date.getUTCMinutes()).padStart(2, "0");
  const hours12 = hours % 12 === 0 ? 12 : hours % 12;
  return `${hours12}:${minutes} ${hours < 12 ? "AM" : "PM"}`;
}

/** Formats "Mon, Mar 10, 2025 at 9:14 AM", as Gmail's reply header does. */
export function formatReplyHeaderDate(timestamp: number): string {
  const date = new Date(timestamp);
  const weekday = WEEKDAYS[date.getUTCDay()]!.slice(0, 3);
  const month = MONTHS[date.getUTCMonth()]!.slice(0, 3);
  return `${weekday}, ${month} ${date.getUTCDate()}, ${date.getUTCFullYear()} at ${formatClock(date)}`;
}

/** Formats "Monday, March 10, 2025 9:14 AM", as Outlook's Sent: line does. */
export function formatOutlookDate(timestamp: number): string {
  const date = new Date(timestamp);
  const weekday = WEEKDAYS[date.getUTCDay()]!;
  const month = MONTHS[date.getUTCMonth()]!;
  return `${weekday}, ${month} ${date.getUTCDate()}, ${date.getUTCFullYear()} ${formatClock(date)}`;
}

function quoteLines(body: string): string {
  return body
    .split("\n")
    .map((line) => (line === "" ? ">" : `> ${line}`))
    .join("\n");
}

function recipientLine(quoted: QuotedEmail): string {
  return quoted.recipientEmail === null ? quoted.recipientName : `${quoted.recipientName} <${quoted.recipientEmail}>`;
}

/** Returns `reply` followed by `quoted` under an Outlook-style From/Sent/To/Subject block. */
function withHeaderBlock(reply: string, quoted: QuotedEmail, separator: string, senderAddress: string): string {
  return [
    reply,
    "",
    separator,
    `From: ${quoted.senderName} ${senderAddress}`,
    `Sent: ${formatOutlookDate(quoted.sentAt)}`,
    `To: ${recipientLine(quoted)}`,
    `Subject: ${quoted.subject}`,
    "",
    quoted.body,
  ].join("\n");
}

/** Returns `reply` followed by `quoted` in the layout of the given mail client style. */
export function appendQuotedHistory(reply: string, quoted: QuotedEmail, style: QuoteStyle): string {
  switch (style) {
    case "reply-header": {
      const header = `On ${formatReplyHeaderDate(quoted.sentAt)} ${quoted.senderName} <${quoted.senderEmail}> wrote:`;
      return `${reply}\n\n${header}\n\n${quoteLines(quoted.body)}\n`;
    }
    case "outlook-header":
      return withHeaderBlock(reply, quoted, "________________________________", `<${quoted.senderEmail}>`);
    case "original-message":
      return withHeaderBlock(reply, quoted, "-----Original Message-----", `[mailto:${quoted.senderEmail}]`);
  }
}
