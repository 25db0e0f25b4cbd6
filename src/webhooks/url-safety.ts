// The rules for a webhook target URL. The worker POSTs to whatever URL a subscription names,
// so a URL that points at the worker's own network, a cloud metadata service or a host on
// the caller's LAN must be rejected before it is stored.
//
// Host names are checked as written and never resolved: a public name whose DNS record
// points at a private address passes here. Workers' outbound fetch cannot reach private
// networks, so such a name fails at delivery time instead.

export const MAX_WEBHOOK_URL_LENGTH = 2_048;

export type UrlCheck = { ok: true; url: string } | { ok: false; reason: string };

export interface UrlSafetyOptions {
  /** Accepts http:// and https:// targets on 127.0.0.1, [::1] and localhost, for local development and tests. */
  allowLoopback: boolean;
}

// Names that resolve to the local machine, the local network or a metadata service.
const BLOCKED_NAMES = new Set([
  "localhost",
  "metadata",
  "metadata.google.internal",
  "metadata.goog",
  "instance-data",
  "instance-data.ec2.internal",
]);
const BLOCKED_SUFFIXES = [".localhost", ".local", ".localdomain", ".internal", ".home.arpa", ".lan", ".intranet"];

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "[::1]", "localhost"]);

// IPv4 ranges that are not public unicast addresses, as [first octets, prefix length, reason].
const BLOCKED_IPV4_RANGES: [number[], number, string][] = [
  [[0], 8, "an unspecified address"],
  [[10], 8, "a private address"],
  [[100, 64], 10, "a shared (CGNAT) address"],
  [[127], 8, "a loopback address"],
  [[169, 254], 16, "a link-local or metadata address"],
  [[172, 16], 12, "a private address"],
  [[192, 0, 0], 24, "a reserved address"],
  [[192, 0, 2], 24, "a documentation address"],
  [[192, 168], 16, "a private address"],
  [[198, 18], 15, "a benchmarking address"],
  [[198, 51, 100], 24, "a documentation address"],
  [[203, 0, 113], 24, "a documentation address"],
  [[224], 4, "a multicast address"],
  [[240], 4, "a reserved address"],
];

function ipv4ToNumber(octets: readonly number[]): number {
  return ((octets[0]! << 24) | (octets[1]! << 16) | (octets[2]! << 8) | octets[3]!) >>> 0;
}

function classifyIpv4(address: string): string | undefined {
  const octets = address.split(".").map(Number);
  const value = ipv4ToNumber(octets);

  for (const [start, prefix, reason] of BLOCKED_IPV4_RANGES) {
    const base = ipv4ToNumber([...start, 0, 0, 0, 0].slice(0, 4));
    const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
    if ((value & mask) >>> 0 === base) {
      return reason;
    }
  }
  return undefined;
}

/** Expands an IPv6 address as the URL parser prints it (lower case, compressed, no brackets) into eight groups. */
function ipv6Groups(address: string): number[] {
  const [head, tail] = address.includes("::") ? address.split("::") : [address, undefined];
  const parse = (part: string | undefined) => (part ? part.split(":").map((group) => parseInt(group, 16)) : []);
  const left = parse(head);
  const right = parse(tail);
  const zeros = tail === undefined ? [] : new Array(8 - left.length - right.length).fill(0);
  return [...left, ...zeros, ...right];
}

function classifyIpv6(address: string): string | undefined {
  const groups = ipv6Groups(address);
  const first = groups[0]!;
  const allZeroBefore = (count: number) => groups.slice(0, count).every((group) => group === 0);

  if (groups.every((group) => group === 0)) {
    return "an unspecified address";
  }
  if (allZeroBefore(7) && groups[7] === 1) {
    return "a loopback address";
  }
  // ::ffff:a.b.c.d and the deprecated ::a.b.c.d carry an IPv4 address that would bypass the IPv4 rules.
  if (allZeroBefore(5) && (groups[5] === 0xffff || groups[5] === 0)) {
    return "an IPv4-mapped address";
  }
  // NAT64 (64:ff9b::/96) reaches IPv4 addresses, private ones included, through a translator.
  if (first === 0x64 && groups[1] === 0xff9b) {
    return "a NAT64 address";
  }
  if ((first & 0xfe00) === 0xfc00) {
    return "a unique local (private) address";
  }
  if ((first & 0xffc0) === 0xfe80) {
    return "a link-local address";
  }
  if ((first & 0xff00) === 0xff00) {
    return "a multicast address";
  }
  if (first === 0x2001 && groups[1] === 0x0db8) {
    return "a documentation address";
  }
  return undefined;
}

/**
 * Returns the host exactly as the URL text wrote it, lower-cased. The URL parser rewrites
 * 2130706433, 0x7f.1 and 017700000001 to 127.0.0.1, so only the written form shows them.
 */
function writtenHostOf(text: string): string {
  const authority = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(text)?.[1] ?? "";
  const host = authority.slice(authority.lastIndexOf("@") + 1);
  const withoutPort = host.startsWith("[") ? host.slice(0, host.indexOf("]") + 1) : host.replace(/:\d*$/, "");
  return withoutPort.toLowerCase();
}

const DOTTED_IPV4 = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

function classifyHost(hostname: string, writtenHost: string): string | undefined {
  if (hostname.startsWith("[")) {
    return classifyIpv6(hostname.slice(1, -1));
  }

  if (DOTTED_IPV4.test(hostname)) {
    if (writtenHost !== hostname) {
      return "an IPv4 address written in decimal, octal or hexadecimal form";
    }
    return classifyIpv4(hostname);
  }

  const name = hostname.replace(/\.$/, "");
  if (BLOCKED_NAMES.has(name) || BLOCKED_SUFFIXES.some((suffix) => name.endsWith(suffix))) {
    return "a local or metadata host name";
  }
  if (!name.includes(".")) {
    return "a single-label host name, so give a fully qualified domain name";
  }
  return undefined;
}

/**
 * Checks a webhook target URL and returns it as the URL parser normalizes it, or the reason
 * it is rejected. Only https: is accepted, without credentials, on a public host name or a
 * public IP address in its usual form.
 */
export function checkWebhookUrl(text: string, options: UrlSafetyOptions): UrlCheck {
  if (text.length > MAX_WEBHOOK_URL_LENGTH) {
    return { ok: false, reason: `must be at most ${MAX_WEBHOOK_URL_LENGTH} characters` };
  }

  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: "must be an absolute URL, such as https://hooks.example.com/topo" };
  }

  if (url.username !== "" || url.password !== "") {
    return { ok: false, reason: "must not contain a user name or password" };
  }

  const writtenHost = writtenHostOf(text);
  // Compared as written, so 2130706433 does not pass for 127.0.0.1.
  const isLoopbackTarget = options.allowLoopback && LOOPBACK_HOSTS.has(writtenHost) && writtenHost === url.hostname;
  if (isLoopbackTarget && (url.protocol === "http:" || url.protocol === "https:")) {
    return { ok: true, url: url.href };
  }
  if (url.protocol !== "https:") {
    return { ok: false, reason: "must use https" };
  }

  const problem = classifyHost(url.hostname, writtenHost);
  if (problem !== undefined) {
    return { ok: false, reason: `must point at a public host, not ${problem}` };
  }
  return { ok: true, url: url.href };
}
