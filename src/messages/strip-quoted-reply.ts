/** Placeholder for an input line removed as quoted history. */
const REMOVED = null;
type KeptLine = string | typeof REMOVED;

/**
 * Attribution headers that mail clients write above a quoted message, one per language.
 * Each pattern is matched against the trimmed header, with a wrapped header joined into
 * one line.
 */
const ATTRIBUTION_PATTERNS: readonly RegExp[] = [
  // "On Mon, Mar 10, 2025 at 9:14 AM Jamie Rivera <jamie@example.com> wrote:"
  /^On\s.+\swrote:$/,
  // "Le lun. 10 mars 2025 à 09:14, Jamie Rivera <jamie@example.com> a écrit :"
  /^Le\s.+\sa\s+écrit\s*:$/,
  // "Am Mo., 10. März 2025 um 09:14 Uhr schrieb Jamie Rivera <jamie@example.com>:"
  /^Am\s.+\sschrieb(\s.+)?:$/,
  // "El lun, 10 mar 2025 a las 9:14, Jamie Rivera (<jamie@example.com>) escribió:"
  /^El\s.+\sescribió\s*:$/,
  // Italian: "Il … ha scritto:"
  /^Il\s.+\sha\s+scritto\s*:$/,
  // Portuguese: "Em … escreveu:"
  /^Em\s.+\sescreveu\s*:$/,
  // Dutch: "Op … schreef …:"
  /^Op\s.+\sschreef(\s.+)?:$/,
];

/**
 * Maximum length of an attribution header. Even with a long name and address a header is
 * usually under 200 characters (an estimate, not a measurement), so a longer match is more
 * likely a paragraph that happens to start with "On" and end with "wrote:".
 */
const MAX_ATTRIBUTION_LENGTH = 250;

const FORWARD_MARKERS: readonly RegExp[] = [
  /^-{3,}\s*Original Message\s*-{3,}$/i,
  /^-{3,}\s*Forwarded message\s*-{3,}$/i,
  /^Begin forwarded message:$/i,
];

/**
 * Outlook's separator is a long run of underscores. The minimum of 20 is a guess that keeps
 * shorter runs, such as a fill-in blank, in the message.
 */
const OUTLOOK_SEPARATOR = /^_{20,}$/;

/** Number of lines after "From:" that are searched for the rest of an Outlook header block. */
const OUTLOOK_HEADER_WINDOW = 6;

/** A header field line such as "Sent: Monday" or Outlook's bold "*Sent:* Monday". */
const HEADER_FIELD = /^\*?(From|Sent|Date|To|Cc|Subject)\s*:\*?\s*(.*)$/i;

/**
 * Removes quoted reply history from the body of an inbound email or LinkedIn message and
 * returns only the new content.
 *
 * Lines quoted with ">" are removed at any nesting depth. History also starts at an
 * attribution header such as "On … wrote:", which may be wrapped over two lines and may be
 * in English, French, German, Spanish, Italian, Portuguese or Dutch. It also starts at a
 * forwarded or "Original Message" marker, at an Outlook header block ("From:" followed by
 * "Sent:"/"Date:" and "To:"/"Subject:") and at Outlook's underscore separator.
 *
 * Everything from such a line to the end is removed, with one exception. When an
 * attribution header introduces a ">" quote, only the header and the quoted lines are
 * removed, so replies written between quoted blocks (bottom-posting) are kept.
 *
 * Line endings are normalized to "\n". Where lines were removed, they and the blank lines
 * around them become a single blank line. Leading blank lines and trailing whitespace are
 * trimmed, and the text's other line breaks are kept.
 *
 * If nothing would remain, as in a bare forward or a message that is only a quote, the
 * whole body is returned instead, trimmed and with normalized line endings, so a message
 * never loses its only content.
 */
export function stripQuotedReply(body: string): string {
  const text = normalizeLineEndings(body);
  const keptLines = markQuotedHistory(text.split("\n"));
  const stripped = joinKeptLines(keptLines);

  return stripped === "" ? text.trim() : stripped;
}

function normalizeLineEndings(text: string): string {
  return text.replace(/\r\n?/g, "\n");
}

/**
 * Returns the lines up to the first history boundary, with quoted lines and attribution
 * headers of inline quotes replaced by REMOVED.
 */
function markQuotedHistory(lines: readonly string[]): KeptLine[] {
  const keptLines: KeptLine[] = [];
  let index = 0;

  while (index < lines.length) {
    const line = lines[index] ?? "";

    if (isQuotedLine(line)) {
      keptLines.push(REMOVED);
      index += 1;
      continue;
    }

    const attributionLineCount = countAttributionLines(lines, index);
    if (attributionLineCount > 0) {
      // NOTE: A quoted line that a client re-wrapped without the ">" prefix looks like an
      // inline reply, so it is kept.
      const quoteFollows = isFollowedByQuote(lines, index + attributionLineCount);
      if (!quoteFollows) {
        break;
      }
      for (let removed = 0; removed < attributionLineCount; removed += 1) {
        keptLines.push(REMOVED);
      }
      index += attributionLineCount;
      continue;
    }

    if (startsHistoryBlock(lines, index)) {
      break;
    }

    keptLines.push(line);
    index += 1;
  }

  return keptLines;
}

function isQuotedLine(line: string): boolean {
  return /^\s*>/.test(line);
}

function isBlank(line: string): boolean {
  return line.trim() === "";
}

/** Returns whether the first non-blank line at or after `start` is quoted. */
function isFollowedByQuote(lines: readonly string[], start: number): boolean {
  const nextContent = lines.slice(start).find((line) => !isBlank(line));
  return nextContent !== undefined && isQuotedLine(nextContent);
}

/**
 * Returns how many lines (1 or 2) the attribution header at `index` spans, or 0 when the
 * line does not start one. Mail clients wrap long headers, so a header may continue on the
 * next line, e.g. "On Mon, … Jamie Rivera <jamie@example.com>" then "wrote:".
 */
function countAttributionLines(lines: readonly string[], index: number): number {
  const first = lines[index]?.trim() ?? "";
  if (first === "") {
    return 0;
  }
  if (isAttributionHeader(first)) {
    return 1;
  }

  const second = lines[index + 1]?.trim() ?? "";
  if (second === "" || isQuotedLine(second)) {
    return 0;
  }
  return isAttributionHeader(`${first} ${second}`) ? 2 : 0;
}

/**
 * Returns whether `header` has the shape of an attribution header. Attribution headers
 * normally contain a date or time, so requiring a digit keeps prose such as "On Monday we
 * wrote:" in the message. A header without any digit is not recognized.
 */
function isAttributionHeader(header: string): boolean {
  if (header.length > MAX_ATTRIBUTION_LENGTH || !/\d/.test(header)) {
    return false;
  }
  return ATTRIBUTION_PATTERNS.some((pattern) => pattern.test(header));
}

/** Returns whether the line at `index` starts history that runs to the end of the body. */
function startsHistoryBlock(lines: readonly string[], index: number): boolean {
  const line = lines[index]?.trim() ?? "";

  return (
    FORWARD_MARKERS.some((marker) => marker.test(line)) ||
    OUTLOOK_SEPARATOR.test(line) ||
    startsOutlookHeaderBlock(lines, index)
  );
}

/**
 * Returns whether the line at `index` is a "From:" line followed within a few lines by a
 * "Sent:" or "Date:" line and a "To:" or "Subject:" line. A "From:" line alone is treated
 * as the author's own text.
 */
function startsOutlookHeaderBlock(lines: readonly string[], index: number): boolean {
  const from = parseHeaderField(lines[index] ?? "");
  if (from?.name !== "from" || from.value === "") {
    return false;
  }

  const followingNames = lines
    .slice(index + 1, index + 1 + OUTLOOK_HEADER_WINDOW)
    .map((line) => parseHeaderField(line)?.name);
  const hasDate = followingNames.includes("sent") || followingNames.includes("date");
  const hasRecipientOrSubject = followingNames.includes("to") || followingNames.includes("subject");

  return hasDate && hasRecipientOrSubject;
}

function parseHeaderField(line: string): { name: string; value: string } | undefined {
  const match = HEADER_FIELD.exec(line.trim());
  if (match === null) {
    return undefined;
  }
  return { name: (match[1] ?? "").toLowerCase(), value: (match[2] ?? "").trim() };
}

/**
 * Joins the kept lines, turning each gap that contains removed lines into one blank line
 * and trimming leading blank lines and trailing whitespace. Gaps without removed lines
 * are the author's own spacing and are kept as written.
 */
function joinKeptLines(keptLines: readonly KeptLine[]): string {
  const output: string[] = [];
  let index = 0;

  while (index < keptLines.length) {
    const line = keptLines[index];
    if (line !== REMOVED && line !== undefined && !isBlank(line)) {
      output.push(line);
      index += 1;
      continue;
    }

    const gapStart = index;
    while (index < keptLines.length && isGapLine(keptLines[index])) {
      index += 1;
    }
    output.push(...spacingForGap(keptLines.slice(gapStart, index)));
  }

  const firstContent = output.findIndex((line) => !isBlank(line));
  if (firstContent === -1) {
    return "";
  }
  return output.slice(firstContent).join("\n").trimEnd();
}

function isGapLine(line: KeptLine | undefined): boolean {
  return line === REMOVED || (line !== undefined && isBlank(line));
}

function spacingForGap(gap: readonly KeptLine[]): string[] {
  const blankLines = gap.filter((line): line is string => line !== REMOVED);
  const hasRemovedLines = blankLines.length < gap.length;

  return hasRemovedLines ? [""] : blankLines;
}
