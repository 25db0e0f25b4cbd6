import { describe, expect, it } from "vitest";

import { checkWebhookUrl } from "../../src/webhooks/url-safety";

const STRICT = { allowLoopback: false };
const LOOPBACK_ALLOWED = { allowLoopback: true };

// Host names of exactly the maximum length of 253 characters and one character more.
const LONGEST_HOST = `${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(57)}.com`;
const TOO_LONG_HOST = `${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(58)}.com`;

// [url, expected reason fragment]; every one is rejected with loopback targets not allowed.
const REJECTED: [string, string][] = [
  ["not a url", "absolute URL"],
  ["/relative/path", "absolute URL"],
  ["http://hooks.example.com/topo", "https"],
  ["ftp://hooks.example.com/topo", "https"],
  ["https://user:pass@hooks.example.com/", "user name or password"],
  ["https://token@hooks.example.com/", "user name or password"],
  ["https://localhost/hook", "local or metadata host name"],
  ["https://LOCALHOST./hook", "must not end the host with a dot"],
  ["https://localhost../", "must not end the host with a dot"],
  ["https://127.0.0.1./", "must not end the host with a dot"],
  ["https://127.0.0.1../", "must not end the host with a dot"],
  ["https://0x7f.1./", "must not end the host with a dot"],
  ["https://metadata.google.internal../", "must not end the host with a dot"],
  ["https://foo.local../", "must not end the host with a dot"],
  ["https://localhost%2e/", "must not end the host with a dot"],
  ["https://hooks.example.com./topo", "must not end the host with a dot"],
  [" https://127.0.0.1/", "must not start or end with a space"],
  ["https://127.0.0.1/ ", "must not start or end with a space"],
  ["\u0000https://127.0.0.1/", "control character"],
  ["https://127.0.0\t.1/", "tab or line break"],
  ["https://local\nhost/", "tab or line break"],
  ["https:/127.0.0.1/", "must start with https:// and a host"],
  ["https:127.0.0.1/", "must start with https:// and a host"],
  ["https:///127.0.0.1/", "must start with https:// and a host"],
  ["https:\\\\127.0.0.1\\", "must start with https:// and a host"],
  ["https://kubernetes.default.svc/", "local or metadata host name"],
  ["https://kubernetes.default/", "local or metadata host name"],
  ["https://api.prod.svc/hook", "local or metadata host name"],
  ["https://kubernetes.default.svc.cluster.local/", "local or metadata host name"],
  [`https://${"a".repeat(64)}.example.com/`, "must have a valid host name"],
  [`https://${TOO_LONG_HOST}/`, "must have a valid host name"],
  ["https://hooks..example.com/", "must have a valid host name"],
  ["https://.example.com/", "must have a valid host name"],
  ["https://api.localhost/hook", "local or metadata host name"],
  ["https://printer.local/hook", "local or metadata host name"],
  ["https://metadata.google.internal/computeMetadata/v1/", "local or metadata host name"],
  ["https://metadata/", "local or metadata host name"],
  ["https://intranet/hook", "single-label host name"],
  ["https://127.0.0.1/hook", "loopback"],
  ["https://127.1.2.3:8443/hook", "loopback"],
  ["https://10.0.0.8/hook", "private"],
  ["https://172.16.0.1/hook", "private"],
  ["https://172.31.255.255/hook", "private"],
  ["https://192.168.1.10/hook", "private"],
  ["https://100.64.0.1/hook", "CGNAT"],
  ["https://100.127.255.254/hook", "CGNAT"],
  ["https://169.254.169.254/latest/meta-data/", "link-local or metadata"],
  ["https://169.254.1.1/hook", "link-local or metadata"],
  ["https://0.0.0.0/hook", "unspecified"],
  ["https://224.0.0.1/hook", "multicast"],
  ["https://255.255.255.255/hook", "reserved"],
  ["https://2130706433/hook", "other than dotted decimal"],
  ["https://0x7f000001/hook", "other than dotted decimal"],
  ["https://0x7f.0.0.1/hook", "other than dotted decimal"],
  ["https://017700000001/hook", "other than dotted decimal"],
  ["https://0177.0.0.1/hook", "other than dotted decimal"],
  ["https://127.1/hook", "other than dotted decimal"],
  ["https://3627734734/hook", "other than dotted decimal"],
  ["https://127.0.0.01/hook", "other than dotted decimal"],
  ["https://127.0.0.%31/hook", "other than dotted decimal"],
  ["https://[::1]/hook", "loopback"],
  ["https://[::]/hook", "unspecified"],
  ["https://[::ffff:127.0.0.1]/hook", "IPv4-mapped"],
  ["https://[::ffff:8.8.8.8]/hook", "IPv4-mapped"],
  ["https://[::ffff:7f00:1]/hook", "IPv4-mapped"],
  ["https://[::ffff:0:7f00:1]/", "IPv4-translated"],
  ["https://[::ffff:0:127.0.0.1]/", "IPv4-translated"],
  ["https://[::ffff:0:808:808]/", "IPv4-translated"],
  ["https://[::127.0.0.1]/", "IPv4-compatible"],
  ["https://[::7f00:1]/", "IPv4-compatible"],
  ["https://[::2]/", "IPv4-compatible"],
  ["https://[::808:808]/", "IPv4-compatible"],
  ["https://[2002:7f00:1::]/", "6to4"],
  ["https://[2002:a9fe:a9fe::]/", "6to4"],
  ["https://[2002:808:808::1]/", "6to4"],
  ["https://[2001:0:4136:e378:8000:63bf:80ff:fffe]/", "Teredo"],
  ["https://[2001::1]/", "Teredo"],
  ["https://[2001:2::1]/", "IETF special-purpose"],
  ["https://[2001:db8::1]/", "documentation"],
  ["https://[3fff::1]/", "documentation"],
  ["https://[fec0::1]/", "site-local"],
  ["https://[feff::1]/", "site-local"],
  ["https://[100::1]/", "discard-only"],
  ["https://[100::ffff:ffff:ffff:ffff]/", "discard-only"],
  ["https://[100:0:0:1::]/", "outside the global unicast range"],
  ["https://[::1:0:0:0]/", "outside the global unicast range"],
  ["https://[4000::1]/", "outside the global unicast range"],
  ["https://[fe00::1]/", "outside the global unicast range"],
  ["https://[fc00::1]/hook", "unique local"],
  ["https://[fd00:ec2::254]/latest/meta-data/", "unique local"],
  ["https://[fe80::1]/hook", "link-local"],
  ["https://[FE80::abcd]/hook", "link-local"],
  ["https://[64:ff9b::a00:1]/hook", "NAT64"],
  ["https://[64:ff9b::127.0.0.1]/", "NAT64"],
  ["https://[64:ff9b:1::a00:1]/", "NAT64"],
  ["https://[64:ff9b:1:ffff::1]/", "NAT64"],
  ["https://[ff02::1]/hook", "multicast"],
  [`https://hooks.example.com/${"a".repeat(2_048)}`, "at most 2048 characters"],
];

// The REJECTED cases that the loopback setting accepts.
const LOOPBACK_FORMS = new Set(["https://localhost/hook", "https://127.0.0.1/hook", "https://[::1]/hook"]);

const ACCEPTED: [string, string][] = [
  ["https://hooks.example.com/topo", "https://hooks.example.com/topo"],
  ["https://HOOKS.Example.com:8443/topo?source=topo", "https://hooks.example.com:8443/topo?source=topo"],
  ["https://8.8.8.8/hook", "https://8.8.8.8/hook"],
  ["https://172.32.0.1/hook", "https://172.32.0.1/hook"],
  ["https://100.128.0.1/hook", "https://100.128.0.1/hook"],
  ["https://[2606:4700::1111]/hook", "https://[2606:4700::1111]/hook"],
  ["https://local.example.com/hook", "https://local.example.com/hook"],
  ["https://svc.example.com/hook", "https://svc.example.com/hook"],
  ["https://[2001:200::1]/hook", "https://[2001:200::1]/hook"],
  ["https://[2003::1]/hook", "https://[2003::1]/hook"],
  ["https://[3ffe::1]/hook", "https://[3ffe::1]/hook"],
  [`https://${"a".repeat(63)}.example.com/`, `https://${"a".repeat(63)}.example.com/`],
  [`https://${LONGEST_HOST}/`, `https://${LONGEST_HOST}/`],
];

describe("checkWebhookUrl", () => {
  it.each(REJECTED)("rejects %s", (url, reason) => {
    const check = checkWebhookUrl(url, STRICT);

    expect(check.ok).toBe(false);
    expect(check.ok ? "" : check.reason).toContain(reason);
  });

  // The loopback setting admits only 127.0.0.1, [::1] and localhost exactly as written.
  it.each(REJECTED.filter(([url]) => !LOOPBACK_FORMS.has(url)))("rejects %s with loopback allowed", (url, reason) => {
    const check = checkWebhookUrl(url, LOOPBACK_ALLOWED);

    expect(check.ok).toBe(false);
    expect(check.ok ? "" : check.reason).toContain(reason);
  });

  it.each(ACCEPTED)("accepts %s", (url, normalized) => {
    expect(checkWebhookUrl(url, STRICT)).toEqual({ ok: true, url: normalized });
  });

  it.each([
    ["http://127.0.0.1:8788/hook", true],
    ["http://localhost:8788/hook", true],
    ["http://[::1]:8788/hook", true],
    ["https://127.0.0.1/hook", true],
    ["http://127.0.0.2/hook", false],
    ["http://10.0.0.1/hook", false],
    ["http://2130706433/hook", false],
    ["http://hooks.example.com/hook", false],
  ])("with loopback allowed, %s is accepted: %s", (url, accepted) => {
    expect(checkWebhookUrl(url, LOOPBACK_ALLOWED).ok).toBe(accepted);
  });

  it.each(["http://127.0.0.1:8788/hook", "http://localhost:8788/hook"])(
    "rejects %s when loopback is not allowed",
    (url) => {
      expect(checkWebhookUrl(url, STRICT).ok).toBe(false);
    },
  );
});
