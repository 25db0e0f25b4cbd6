import { describe, expect, it } from "vitest";

import { stripQuotedReply } from "../../src/messages/strip-quoted-reply";

interface StripCase {
  name: string;
  input: string;
  expected: string;
}

const GMAIL_HEADER = "On Mon, Mar 10, 2025 at 9:14 AM Jamie Rivera <jamie@example.com> wrote:";

const OUTLOOK_HEADER_BLOCK = [
  "From: Jamie Rivera <jamie@example.com>",
  "Sent: Monday, March 10, 2025 9:14 AM",
  "To: Sarah Chen <sarah@example.com>",
  "Subject: Intro",
].join("\n");

describe("stripQuotedReply", () => {
  it("strips Gmail reply history", () => {
    const body =
      "Hi Jamie, yes happy to chat. Let's do Thursday at 2pm EST.\n\n" +
      "On Mon, Mar 10, 2025 at 9:14 AM Jamie Rivera <jamie@acme-demo.example> wrote:\n" +
      "> Hi Sarah,\n" +
      ">\n" +
      "> I noticed Acme Corp recently expanded its SDR team.\n";

    expect(stripQuotedReply(body)).toBe("Hi Jamie, yes happy to chat. Let's do Thursday at 2pm EST.");
  });

  describe("quoted lines", () => {
    const cases: StripCase[] = [
      {
        name: "drops lines quoted with >",
        input: "Sounds good.\n\n> Can we meet Thursday?\n> Let me know.",
        expected: "Sounds good.",
      },
      {
        name: "drops indented quoted lines",
        input: "Sounds good.\n\n  > Can we meet Thursday?\n\t> Let me know.",
        expected: "Sounds good.",
      },
      {
        name: "drops nested quoted lines",
        input: "Sounds good.\n\n> Thursday?\n>> Are you free this week?\n> > Or next week?",
        expected: "Sounds good.",
      },
      {
        name: "keeps answers between quotes",
        input: "> Are you free Thursday?\nYes, 2pm works.\n> Should I bring the deck?\nPlease do.",
        expected: "Yes, 2pm works.\n\nPlease do.",
      },
      {
        name: "keeps answers below attribution header",
        input:
          `${GMAIL_HEADER}\n` +
          "> Are you free Thursday?\n" +
          "Yes, 2pm works.\n\n" +
          "> Should I bring the deck?\n\n" +
          "Please do.\n",
        expected: "Yes, 2pm works.\n\nPlease do.",
      },
      {
        name: "keeps greeting above inline answers",
        input: `Hi Jamie,\n\n${GMAIL_HEADER}\n> Are you free Thursday?\n\nYes, 2pm works.`,
        expected: "Hi Jamie,\n\nYes, 2pm works.",
      },
    ];

    it.each(cases)("$name", ({ input, expected }) => {
      expect(stripQuotedReply(input)).toBe(expected);
    });
  });

  describe("attribution headers", () => {
    const cases: StripCase[] = [
      {
        name: "cuts Gmail header",
        input: `Thursday works.\n\n${GMAIL_HEADER}\n> Hi Sarah,`,
        expected: "Thursday works.",
      },
      {
        name: "cuts Apple Mail header",
        input:
          "Thursday works.\n\n" +
          "On Mar 10, 2025, at 9:14 AM, Jamie Rivera <jamie@example.com> wrote:\n\n" +
          "> Hi Sarah,",
        expected: "Thursday works.",
      },
      {
        name: "cuts header wrapped before wrote",
        input:
          "Thursday works.\n\n" +
          "On Mon, Mar 10, 2025 at 9:14 AM Jamie Rivera <jamie@example.com>\n" +
          "wrote:\n" +
          "> Hi Sarah,",
        expected: "Thursday works.",
      },
      {
        name: "cuts header wrapped mid-name",
        input:
          "Thursday works.\n\n" +
          "On Mon, Mar 10, 2025 at 9:14 AM Jamie\n" +
          "Rivera <jamie@example.com> wrote:\n" +
          "> Hi Sarah,",
        expected: "Thursday works.",
      },
      {
        name: "cuts header before unquoted history",
        input: `Thursday works.\n\n${GMAIL_HEADER}\n\nHi Sarah,\nI noticed Acme Corp expanded its SDR team.`,
        expected: "Thursday works.",
      },
      {
        name: "cuts French header",
        input:
          "Merci, jeudi me convient.\n\n" +
          "Le lun. 10 mars 2025 à 09:14, Jamie Rivera <jamie@example.com> a écrit :\n" +
          "> Bonjour Sarah,",
        expected: "Merci, jeudi me convient.",
      },
      {
        name: "cuts French header with no-break space",
        input:
          "Merci, jeudi me convient.\n\n" + "Le 10/03/2025 à 09:14, Jamie Rivera a écrit\u00a0:\n" + "> Bonjour Sarah,",
        expected: "Merci, jeudi me convient.",
      },
      {
        name: "cuts German header",
        input:
          "Danke, Donnerstag passt.\n\n" +
          "Am Mo., 10. März 2025 um 09:14 Uhr schrieb Jamie Rivera <jamie@example.com>:\n" +
          "> Hallo Sarah,",
        expected: "Danke, Donnerstag passt.",
      },
      {
        name: "cuts Spanish header",
        input:
          "Gracias, el jueves me va bien.\n\n" +
          "El lun, 10 mar 2025 a las 9:14, Jamie Rivera (<jamie@example.com>) escribió:\n" +
          "> Hola Sarah,",
        expected: "Gracias, el jueves me va bien.",
      },
      {
        name: "cuts Italian header",
        input:
          "Grazie, giovedì va bene.\n\n" +
          "Il giorno lun 10 mar 2025 alle ore 09:14 Jamie Rivera <jamie@example.com> ha scritto:\n" +
          "> Ciao Sarah,",
        expected: "Grazie, giovedì va bene.",
      },
      {
        name: "cuts Portuguese header",
        input:
          "Obrigado, quinta-feira funciona.\n\n" +
          "Em seg., 10 de mar. de 2025 às 09:14, Jamie Rivera <jamie@example.com> escreveu:\n" +
          "> Olá Sarah,",
        expected: "Obrigado, quinta-feira funciona.",
      },
      {
        name: "cuts Dutch header",
        input:
          "Dank je, donderdag past.\n\n" +
          "Op ma 10 mrt 2025 om 09:14 schreef Jamie Rivera <jamie@example.com>:\n" +
          "> Hoi Sarah,",
        expected: "Dank je, donderdag past.",
      },
    ];

    it.each(cases)("$name", ({ input, expected }) => {
      expect(stripQuotedReply(input)).toBe(expected);
    });
  });

  describe("forwarded and original messages", () => {
    const cases: StripCase[] = [
      {
        name: "cuts Original Message block",
        input: `See my notes below.\n\n-----Original Message-----\n${OUTLOOK_HEADER_BLOCK}\n\nHi Sarah,`,
        expected: "See my notes below.",
      },
      {
        name: "cuts Gmail forwarded message",
        input:
          "FYI, see the thread below.\n\n" +
          "---------- Forwarded message ---------\n" +
          "From: Jamie Rivera <jamie@example.com>\n" +
          "Date: Mon, Mar 10, 2025 at 9:14 AM\n" +
          "Subject: Intro\n" +
          "To: Sarah Chen <sarah@example.com>\n\n" +
          "Hi Sarah,",
        expected: "FYI, see the thread below.",
      },
      {
        name: "cuts Thunderbird forwarded message",
        input: "FYI.\n\n-------- Forwarded Message --------\nSubject: Intro\n\nHi Sarah,",
        expected: "FYI.",
      },
      {
        name: "cuts Apple Mail forward",
        input:
          "FYI, see below.\n\n" +
          "Begin forwarded message:\n\n" +
          "From: Jamie Rivera <jamie@example.com>\n" +
          "Subject: Intro\n\n" +
          "Hi Sarah,",
        expected: "FYI, see below.",
      },
    ];

    it.each(cases)("$name", ({ input, expected }) => {
      expect(stripQuotedReply(input)).toBe(expected);
    });
  });

  describe("Outlook headers", () => {
    const cases: StripCase[] = [
      {
        name: "cuts header after underscores",
        input: `Thursday works for me.\n\n________________________________\n${OUTLOOK_HEADER_BLOCK}\n\nHi Sarah,`,
        expected: "Thursday works for me.",
      },
      {
        name: "cuts header without underscores",
        input: `Thursday works for me.\n\n${OUTLOOK_HEADER_BLOCK}\n\nHi Sarah,`,
        expected: "Thursday works for me.",
      },
      {
        name: "cuts header with Date and Subject",
        input:
          "Thursday works for me.\n\n" +
          "From: Jamie Rivera <jamie@example.com>\n" +
          "Date: Monday, March 10, 2025 9:14 AM\n" +
          "Subject: Intro\n\n" +
          "Hi Sarah,",
        expected: "Thursday works for me.",
      },
      {
        name: "cuts header with Cc line",
        input:
          "Thursday works for me.\n\n" +
          "From: Jamie Rivera <jamie@example.com>\n" +
          "Sent: Monday, March 10, 2025 9:14 AM\n" +
          "Cc: Alex Kim <alex@example.com>\n" +
          "Subject: Intro\n\n" +
          "Hi Sarah,",
        expected: "Thursday works for me.",
      },
      {
        name: "cuts header with bold names",
        input:
          "Thursday works for me.\n\n" +
          "*From:* Jamie Rivera <jamie@example.com>\n" +
          "*Sent:* Monday, March 10, 2025 9:14 AM\n" +
          "*To:* Sarah Chen <sarah@example.com>\n\n" +
          "Hi Sarah,",
        expected: "Thursday works for me.",
      },
      {
        name: "cuts at underscore separator",
        input: "Thursday works for me.\n\n________________________________\nHi Sarah, are you free this week?",
        expected: "Thursday works for me.",
      },
    ];

    it.each(cases)("$name", ({ input, expected }) => {
      expect(stripQuotedReply(input)).toBe(expected);
    });
  });

  describe("line endings", () => {
    it("normalizes CRLF to LF", () => {
      expect(stripQuotedReply("Thursday works.\r\nSee you then.")).toBe("Thursday works.\nSee you then.");
    });

    it("normalizes CR to LF", () => {
      expect(stripQuotedReply("Thursday works.\rSee you then.")).toBe("Thursday works.\nSee you then.");
    });

    it("strips CRLF reply history", () => {
      const body = `Thursday works.\r\nSee you then.\r\n\r\n${GMAIL_HEADER}\r\n> Hi Sarah,\r\n>\r\n> Are you free?\r\n`;

      expect(stripQuotedReply(body)).toBe("Thursday works.\nSee you then.");
    });

    it("strips CRLF wrapped header", () => {
      const body =
        "Thursday works.\r\n\r\n" +
        "On Mon, Mar 10, 2025 at 9:14 AM Jamie Rivera <jamie@example.com>\r\n" +
        "wrote:\r\n" +
        "> Hi Sarah,\r\n";

      expect(stripQuotedReply(body)).toBe("Thursday works.");
    });

    it("strips CR reply history", () => {
      expect(stripQuotedReply("Thursday works.\r\r> Hi Sarah,\r")).toBe("Thursday works.");
    });
  });

  describe("whitespace", () => {
    it("trims leading blank lines", () => {
      expect(stripQuotedReply("\n \n\nThursday works.")).toBe("Thursday works.");
    });

    it("trims trailing whitespace", () => {
      expect(stripQuotedReply("Thursday works.  \n\n \t\n")).toBe("Thursday works.");
    });

    it("keeps first line indentation", () => {
      expect(stripQuotedReply("\n  Thursday works.\nSee you then.")).toBe("  Thursday works.\nSee you then.");
    });

    it("collapses blank lines around removal", () => {
      const body = "Answer one.\n\n\n> Question two?\n\n\n\nAnswer two.";

      expect(stripQuotedReply(body)).toBe("Answer one.\n\nAnswer two.");
    });

    it("keeps author's own blank lines", () => {
      const body = "Paragraph one.\n\n\n\nParagraph two.";

      expect(stripQuotedReply(body)).toBe(body);
    });
  });

  describe("messages without history", () => {
    it("keeps plain message unchanged", () => {
      const body = "Hi Sarah,\n\nThursday at 2pm works.\n\nBest,\nJamie";

      expect(stripQuotedReply(body)).toBe(body);
    });

    it("returns empty string unchanged", () => {
      expect(stripQuotedReply("")).toBe("");
    });

    it("returns blank body empty", () => {
      expect(stripQuotedReply(" \n\t\n")).toBe("");
    });
  });

  describe("false positives", () => {
    const cases: Omit<StripCase, "expected">[] = [
      {
        name: "keeps 'wrote:' mid-sentence",
        input: "Thanks for the recap. On Monday we wrote: the plan is to ship in April.\nSee you then.",
      },
      {
        name: "keeps sentence starting On and wrote:",
        input: "Thanks for the recap.\nOn Monday we wrote: the plan is to ship in April.",
      },
      {
        name: "keeps undated 'wrote:' line",
        input: "Quick recap.\nOn Monday we wrote:\n- ship the beta\n- hire an SDR",
      },
      {
        name: "keeps wrapped sentence starting On",
        input: "Quick recap.\nOn the call, Jamie and 2 others wrote\nthe plan:\n- ship the beta",
      },
      {
        name: "keeps lone From line",
        input: "Thanks!\n\nFrom: the team",
      },
      {
        name: "keeps From without Sent or Date",
        input: "Thanks!\n\nFrom: the team\nTo: everyone at Acme\nWe look forward to working together.",
      },
      {
        name: "keeps From without To or Subject",
        input: "Thanks!\n\nFrom: the team\nDate: whenever suits you",
      },
      {
        name: "keeps Sent far below From",
        input:
          "From: the team\nline two\nline three\nline four\nline five\nline six\nline seven\nSent: Monday\nTo: you",
      },
      {
        name: "keeps short underscore line",
        input: "Please sign here:\n__________\nThanks!",
      },
      {
        name: "keeps inline greater-than sign",
        input: "Our target is ARR > $1M.\nLatency must stay < 200 ms -> see the dashboard.",
      },
      {
        name: "keeps 'original message' in prose",
        input: "Could you resend the original message?\nI forwarded message details to Alex.",
      },
    ];

    it.each(cases)("$name", ({ input }) => {
      expect(stripQuotedReply(input)).toBe(input);
    });
  });

  describe("only-quoted fallback", () => {
    const cases: StripCase[] = [
      {
        name: "keeps message of only quotes",
        input: "> Hi Sarah,\n> Are you free Thursday?\n",
        expected: "> Hi Sarah,\n> Are you free Thursday?",
      },
      {
        name: "keeps bare forward",
        input:
          "\n---------- Forwarded message ---------\n" +
          "From: Jamie Rivera <jamie@example.com>\n" +
          "Date: Mon, Mar 10, 2025 at 9:14 AM\n\n" +
          "Hi Sarah,\n",
        expected:
          "---------- Forwarded message ---------\n" +
          "From: Jamie Rivera <jamie@example.com>\n" +
          "Date: Mon, Mar 10, 2025 at 9:14 AM\n\n" +
          "Hi Sarah,",
      },
      {
        name: "keeps header with only quotes",
        input: `${GMAIL_HEADER}\n> Hi Sarah,\n`,
        expected: `${GMAIL_HEADER}\n> Hi Sarah,`,
      },
      {
        name: "keeps bare Outlook header block",
        input: `________________________________\n${OUTLOOK_HEADER_BLOCK}\n\nHi Sarah,`,
        expected: `________________________________\n${OUTLOOK_HEADER_BLOCK}\n\nHi Sarah,`,
      },
      {
        name: "normalizes CRLF in fallback",
        input: "> Hi Sarah,\r\n> Are you free?\r\n",
        expected: "> Hi Sarah,\n> Are you free?",
      },
    ];

    it.each(cases)("$name", ({ input, expected }) => {
      expect(stripQuotedReply(input)).toBe(expected);
    });
  });
});
