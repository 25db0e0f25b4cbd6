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

// Names that resolve to the local machine, the local network or a metadata service. Inside a
// Kubernetes cluster, "kubernetes.default" reaches the API server through the resolver's search list.
const BLOCKED_NAMES = new Set([
  "localhost",
  "metadata",
  "metadata.google.internal",
  "metadata.goog",
  "instance-data",
  "instance-data.ec2.internal",
  "kubernetes.default",
]);
// ".svc" ends the short names of Kubernetes services, such as kubernetes.default.svc, and
// ".local" covers their full names, such as kubernetes.default.svc.cluster.local.
const BLOCKED_SUFFIXES = [
  ".localhost",
  ".local",
  ".localdomain",
  ".internal",
  ".home.arpa",
  ".lan",
  ".intranet",
  ".svc",
];

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

// IPv6 ranges that are not public unicast addresses, as [leading groups, prefix length, reason].
// The first match wins, so a narrow range comes before a wide one that contains it. Sources:
// RFC 4291 and the IANA IPv6 Special-Purpose Address Registry (updated 2024-10-22).
const BLOCKED_IPV6_RANGES: [number[], number, string][] = [
  [[0, 0, 0, 0, 0, 0, 0, 0], 128, "an unspecified address"],
  [[0, 0, 0, 0, 0, 0, 0, 1], 128, "a loopback address"],
  // The next five carry or translate to an IPv4 address, which the IPv4 rules never see.
  [[0, 0, 0, 0, 0, 0xffff], 96, "an IPv4-mapped address"],
  [[0, 0, 0, 0, 0xffff, 0], 96, "an IPv4-translated address"],
  [[0, 0, 0, 0, 0, 0], 96, "an IPv4-compatible address"],
  [[0x64, 0xff9b, 0, 0, 0, 0], 96, "a NAT64 address"],
  [[0x64, 0xff9b, 1], 48, "a NAT64 address"],
  [[0x100, 0, 0, 0], 64, "a discard-only address"],
  [[0x2001, 0], 32, "a Teredo address"],
  [[0x2001, 0x0db8], 32, "a documentation address"],
  [[0x2001, 0], 23, "an IETF special-purpose address"],
  [[0x2002], 16, "a 6to4 address"],
  [[0x3fff, 0], 20, "a documentation address"],
  [[0xfc00], 7, "a unique local (private) address"],
  [[0xfe80], 10, "a link-local address"],
  [[0xfec0], 10, "a site-local address"],
  [[0xff00], 8, "a multicast address"],
];

/** Tests whether the first `prefix` bits of an address, given as eight groups, equal those of `start`. */
function matchesIpv6Prefix(groups: readonly number[], start: readonly number[], prefix: number): boolean {
  for (let index = 0; index * 16 < prefix; index++) {
    const bits = Math.min(16, prefix - index * 16);
    const mask = (0xffff << (16 - bits)) & 0xffff;
    if ((groups[index]! & mask) !== ((start[index] ?? 0) & mask)) {
      return false;
    }
  }
  return true;
}

function classifyIpv6(address: string): string | undefined {
  const groups = ipv6Groups(address);

  for (const [start, prefix, reason] of BLOCKED_IPV6_RANGES) {
    if (matchesIpv6Prefix(groups, start, prefix)) {
      return reason;
    }
  }
  // IANA assigns unicast addresses only from 2000::/3 (IANA IPv6 Address Space registry), so
  // any other address has no public owner.
  if (!matchesIpv6Prefix(groups, [0x2000], 3)) {
    return "an address outside the global unicast range 2000::/3";
  }
  return undefined;
}

/**
 * Returns the host exactly as the URL text wrote it, lower-cased, or undefined when the text
 * does not start with a scheme, two slashes and a host. The URL parser rewrites 2130706433,
 * 0x7f.1 and 017700000001 to 127.0.0.1, so only the written form shows them. The parser
 * also accepts https:127.0.0.1 and https:\\127.0.0.1, which get undefined here.
 */
function writtenHostOf(text: string): string | undefined {
  const authority = /^[a-z][a-z0-9+.-]*:\/\/([^/\\?#]*)/i.exec(text)?.[1];
  if (authority === undefined) {
    return undefined;
  }
  const host = authority.slice(authority.lastIndexOf("@") + 1);
  const withoutPort = host.startsWith("[") ? host.slice(0, host.indexOf("]") + 1) : host.replace(/:\d*$/, "");
  return withoutPort === "" ? undefined : withoutPort.toLowerCase();
}

const DOTTED_IPV4 = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

// DNS allows labels of up to 63 octets and names of up to 255 octets on the wire, which is 253
// characters in text form without the final dot (RFC 1035, section 2.3.4).
const MAX_HOST_NAME_LENGTH = 253;
const MAX_LABEL_LENGTH = 63;

// The URL parser strips leading and trailing spaces and C0 control characters and drops every
// tab and line break, so the stored URL would differ from the one the caller sent.
const STRIPPED_CHARACTERS = /^[\u0000-\u0020]|[\u0000-\u0020]$|[\t\n\r]/;

/**
 * Checks that the host is written in a form this module can judge, and returns the reason
 * it is rejected if not. A trailing dot is rejected because "localhost." and "127.0.0.1."
 * name the same host as "localhost" and "127.0.0.1" but would slip past exact-name rules.
 */
function checkHostForm(hostname: string, writtenHost: string): string | undefined {
  if (hostname.startsWith("[")) {
    return undefined;
  }
  if (hostname.endsWith(".") || writtenHost.endsWith(".")) {
    return "must not end the host with a dot";
  }
  if (DOTTED_IPV4.test(hostname)) {
    return undefined;
  }

  const labels = hostname.split(".");
  const hasInvalidLabel = labels.some((label) => label.length === 0 || label.length > MAX_LABEL_LENGTH);
  if (hostname.length > MAX_HOST_NAME_LENGTH || hasInvalidLabel) {
    return (
      `must have a valid host name, at most ${MAX_HOST_NAME_LENGTH} characters ` +
      `with each dot-separated label 1 to ${MAX_LABEL_LENGTH} characters`
    );
  }
  return undefined;
}

/** Returns why the host is not a public host, or undefined when it is one. */
function classifyHost(hostname: string, writtenHost: string): string | undefined {
  if (hostname.startsWith("[")) {
    return classifyIpv6(hostname.slice(1, -1));
  }

  if (DOTTED_IPV4.test(hostname)) {
    if (writtenHost !== hostname) {
      return "an IPv4 address in a form other than dotted decimal without leading zeros";
    }
    return classifyIpv4(hostname);
  }

  if (BLOCKED_NAMES.has(hostname) || BLOCKED_SUFFIXES.some((suffix) => hostname.endsWith(suffix))) {
    return "a local or metadata host name";
  }
  if (!hostname.includes(".")) {
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
  if (STRIPPED_CHARACTERS.test(text)) {
    return {
      ok: false,
      reason: "must not start or end with a space or control character, or contain a tab or line break",
    };
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

  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return { ok: false, reason: "must use https" };
  }
  const writtenHost = writtenHostOf(text);
  if (writtenHost === undefined) {
    return { ok: false, reason: "must start with https:// and a host, such as https://hooks.example.com/topo" };
  }

  // Compared as written, so 2130706433 does not pass for 127.0.0.1.
  if (options.allowLoopback && LOOPBACK_HOSTS.has(writtenHost) && writtenHost === url.hostname) {
    return { ok: true, url: url.href };
  }
  if (url.protocol !== "https:") {
    return { ok: false, reason: "must use https" };
  }

  const formProblem = checkHostForm(url.hostname, writtenHost);
  if (formProblem !== undefined) {
    return { ok: false, reason: formProblem };
  }
  const problem = classifyHost(url.hostname, writtenHost);
  if (problem !== undefined) {
    return { ok: false, reason: `must point at a public host, not ${problem}` };
  }
  return { ok: true, url: url.href };
}
