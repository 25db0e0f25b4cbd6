import { describe, expect, it } from "vitest";

import { checkWebhookUrl } from "../../src/webhooks/url-safety";

const STRICT = { allowLoopback: false };
const LOOPBACK_ALLOWED = { allowLoopback: true };

// [url, expected reason fragment]; every one is rejected with loopback targets not allowed.
const REJECTED: [string, string][] = [
  ["not a url", "absolute URL"],
  ["/relative/path", "absolute URL"],
  ["http://hooks.example.com/topo", "https"],
  ["ftp://hooks.example.com/topo", "https"],
  ["https://user:pass@hooks.example.com/", "user name or password"],
  ["https://token@hooks.example.com/", "user name or password"],
  ["https://localhost/hook", "local or metadata host name"],
  ["https://LOCALHOST./hook", "local or metadata host name"],
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
  ["https://2130706433/hook", "decimal, octal or hexadecimal"],
  ["https://0x7f000001/hook", "decimal, octal or hexadecimal"],
  ["https://0x7f.0.0.1/hook", "decimal, octal or hexadecimal"],
  ["https://017700000001/hook", "decimal, octal or hexadecimal"],
  ["https://0177.0.0.1/hook", "decimal, octal or hexadecimal"],
  ["https://127.1/hook", "decimal, octal or hexadecimal"],
  ["https://3627734734/hook", "decimal, octal or hexadecimal"],
  ["https://[::1]/hook", "loopback"],
  ["https://[::]/hook", "unspecified"],
  ["https://[::ffff:127.0.0.1]/hook", "IPv4-mapped"],
  ["https://[::ffff:8.8.8.8]/hook", "IPv4-mapped"],
  ["https://[::ffff:7f00:1]/hook", "IPv4-mapped"],
  ["https://[fc00::1]/hook", "unique local"],
  ["https://[fd00:ec2::254]/latest/meta-data/", "unique local"],
  ["https://[fe80::1]/hook", "link-local"],
  ["https://[FE80::abcd]/hook", "link-local"],
  ["https://[64:ff9b::a00:1]/hook", "NAT64"],
  ["https://[ff02::1]/hook", "multicast"],
  [`https://hooks.example.com/${"a".repeat(2_048)}`, "at most 2048 characters"],
];

const ACCEPTED: [string, string][] = [
  ["https://hooks.example.com/topo", "https://hooks.example.com/topo"],
  ["https://HOOKS.Example.com:8443/topo?source=topo", "https://hooks.example.com:8443/topo?source=topo"],
  ["https://8.8.8.8/hook", "https://8.8.8.8/hook"],
  ["https://172.32.0.1/hook", "https://172.32.0.1/hook"],
  ["https://100.128.0.1/hook", "https://100.128.0.1/hook"],
  ["https://[2606:4700::1111]/hook", "https://[2606:4700::1111]/hook"],
  ["https://local.example.com/hook", "https://local.example.com/hook"],
];

describe("checkWebhookUrl", () => {
  it.each(REJECTED)("rejects %s", (url, reason) => {
    const check = checkWebhookUrl(url, STRICT);

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
