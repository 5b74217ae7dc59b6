import { describe, expect, it } from "vitest";
import { checkDestination, classifyAddress, EMPTY_ALLOWLIST, LOOPBACK_ALLOWLIST, parseNetworkAllowlist } from "./network-policy";

describe("classifyAddress", () => {
  it.each([
    // IPv4
    ["127.0.0.1", "loopback"],
    ["127.255.255.254", "loopback"],
    ["10.0.0.5", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.1", "private"],
    ["169.254.169.254", "link-local"], // cloud metadata
    ["100.64.0.1", "shared"],
    ["100.127.255.255", "shared"],
    ["0.0.0.0", "unspecified"],
    ["0.1.2.3", "unspecified"],
    ["224.0.0.1", "multicast"],
    ["239.255.255.250", "multicast"],
    ["255.255.255.255", "reserved"],
    ["240.0.0.1", "reserved"],
    ["192.0.2.10", "reserved"],
    ["198.18.0.1", "reserved"],
    // IPv6
    ["::1", "loopback"],
    ["[::1]", "loopback"],
    ["0:0:0:0:0:0:0:1", "loopback"],
    ["::", "unspecified"],
    ["fe80::1", "link-local"],
    ["fe80::1%eth0", "link-local"],
    ["fc00::1", "unique-local"],
    ["fd12:3456:789a::1", "unique-local"],
    ["fec0::1", "private"],
    ["ff02::1", "multicast"],
    ["2001:db8::1", "reserved"],
    ["2001:0:4136:e378:8000:63bf:3fff:fdd2", "reserved"], // Teredo
    ["::7f00:1", "reserved"], // IPv4-compatible
    // IPv6 carrying an IPv4 address: classified by the IPv4 one
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["[::ffff:7f00:1]", "loopback"],
    ["::ffff:10.0.0.5", "private"],
    ["::ffff:a9fe:a9fe", "link-local"],
    ["0:0:0:0:0:ffff:c0a8:0101", "private"],
    ["64:ff9b::10.0.0.1", "private"], // NAT64
    ["64:ff9b::7f00:1", "loopback"],
    ["2002:7f00:1::", "loopback"], // 6to4 of 127.0.0.1
    ["2002:0a00:0005::1", "private"], // 6to4 of 10.0.0.5
  ])("%s is %s", (address, kind) => {
    expect(classifyAddress(address)).toBe(kind);
  });

  it.each([
    ["8.8.8.8"],
    ["1.1.1.1"],
    ["93.184.216.34"],
    ["172.32.0.1"], // just above 172.16/12
    ["100.128.0.1"], // just above 100.64/10
    ["169.253.255.255"],
    ["2606:4700:4700::1111"],
    ["2a00:1450:4001:80b::200e"],
    ["::ffff:8.8.8.8"],
    ["64:ff9b::8.8.8.8"],
    ["2002:0808:0808::1"], // 6to4 of 8.8.8.8
  ])("%s is public", (address) => {
    expect(classifyAddress(address)).toBe("public");
  });

  it("refuses to classify what is not an address", () => {
    expect(() => classifyAddress("localhost")).toThrow('"localhost" is not an IP address');
    expect(() => classifyAddress("0x7f.1")).toThrow(); // numeric host forms are the URL parser's job
    expect(() => classifyAddress("2130706433")).toThrow();
  });
});

describe("the URL parser normalises numeric hosts before classification", () => {
  it.each([
    ["http://2130706433/", "127.0.0.1"],
    ["http://0x7f.1/", "127.0.0.1"],
    ["http://0177.0.0.1/", "127.0.0.1"],
    ["http://127.1/", "127.0.0.1"],
    ["http://0/", "0.0.0.0"],
    ["http://[::ffff:127.0.0.1]/", "[::ffff:7f00:1]"],
    ["http://[0:0:0:0:0:0:0:1]/", "[::1]"],
  ])("%s → %s", (url, hostname) => {
    expect(new URL(url).hostname).toBe(hostname);
    expect(classifyAddress(hostname)).not.toBe("public");
  });
});

describe("parseNetworkAllowlist", () => {
  it("reads CIDRs, addresses, ports, host names and *", () => {
    const list = parseNetworkAllowlist(" 10.0.0.0/8, fd00::/8 ,127.0.0.1:8080,[::1]:9000,::1, LocalHost ,db.internal:5984,");
    expect(list.any).toBe(false);
    expect(list.entries).toHaveLength(7);
    expect(parseNetworkAllowlist("*").any).toBe(true);
    expect(parseNetworkAllowlist("").entries).toEqual([]);
    expect(parseNetworkAllowlist(undefined)).toMatchObject({ any: false, entries: [] });
  });

  it.each([["10.0.0.0/33"], ["::1/129"], ["10.0.0.0/x"], ["127.0.0.1:0"], ["127.0.0.1:70000"], ["host:port"], ["a b"], ["http://x"], ["[::1"], ["1.2.3.4:5:6"]])(
    "refuses %s with a sentence naming it",
    (entry) => {
      expect(() => parseNetworkAllowlist(`127.0.0.1,${entry}`)).toThrow(`"${entry}" is not a CIDR block`);
    },
  );
});

describe("checkDestination", () => {
  const at = (hostname: string, port: number, address: string) => ({ hostname, port, address });

  it("allows public addresses whatever the list", () => {
    expect(checkDestination(EMPTY_ALLOWLIST, at("example.com", 443, "93.184.216.34"))).toEqual({ ok: true });
  });

  it("refuses non-public addresses with their kind when nothing allows them", () => {
    expect(checkDestination(EMPTY_ALLOWLIST, at("127.0.0.1", 80, "127.0.0.1"))).toEqual({ ok: false, kind: "loopback" });
    expect(checkDestination(EMPTY_ALLOWLIST, at("internal", 80, "10.1.2.3"))).toEqual({ ok: false, kind: "private" });
    expect(checkDestination(EMPTY_ALLOWLIST, at("x", 80, "not-an-ip"))).toEqual({ ok: false, kind: "reserved" });
  });

  it("matches CIDR blocks, single addresses and IPv4-mapped forms of them", () => {
    const list = parseNetworkAllowlist("10.0.0.0/8,::1");
    expect(checkDestination(list, at("a", 80, "10.200.0.1")).ok).toBe(true);
    expect(checkDestination(list, at("a", 80, "::ffff:10.200.0.1")).ok).toBe(true);
    expect(checkDestination(list, at("a", 80, "::1")).ok).toBe(true);
    expect(checkDestination(list, at("a", 80, "127.0.0.1")).ok).toBe(false);
    expect(checkDestination(list, at("a", 80, "192.168.0.1")).ok).toBe(false);
  });

  it("honours an entry's port", () => {
    const list = parseNetworkAllowlist("127.0.0.1:4000,[::1]:4001,svc.local:4002");
    expect(checkDestination(list, at("127.0.0.1", 4000, "127.0.0.1")).ok).toBe(true);
    expect(checkDestination(list, at("127.0.0.1", 4001, "127.0.0.1")).ok).toBe(false);
    expect(checkDestination(list, at("::1", 4001, "::1")).ok).toBe(true);
    expect(checkDestination(list, at("svc.local", 4002, "10.9.9.9")).ok).toBe(true);
    expect(checkDestination(list, at("svc.local", 80, "10.9.9.9")).ok).toBe(false);
  });

  it("matches host names as written in the URL, case-insensitively", () => {
    const list = parseNetworkAllowlist("Svc.Internal");
    expect(checkDestination(list, at("svc.internal", 80, "10.0.0.7")).ok).toBe(true);
    expect(checkDestination(list, at("SVC.INTERNAL.", 80, "10.0.0.7")).ok).toBe(true);
    expect(checkDestination(list, at("other.internal", 80, "10.0.0.7")).ok).toBe(false);
  });

  it("LOOPBACK_ALLOWLIST allows this machine and nothing else", () => {
    const list = parseNetworkAllowlist(LOOPBACK_ALLOWLIST);
    expect(checkDestination(list, at("127.0.0.1", 3000, "127.0.0.1")).ok).toBe(true);
    expect(checkDestination(list, at("localhost", 3000, "::1")).ok).toBe(true);
    expect(checkDestination(list, at("x", 3000, "::ffff:127.0.0.2")).ok).toBe(true);
    expect(checkDestination(list, at("x", 3000, "10.0.0.1")).ok).toBe(false);
    expect(checkDestination(list, at("x", 80, "169.254.169.254")).ok).toBe(false);
  });

  it("* allows everything", () => {
    expect(checkDestination(parseNetworkAllowlist("*"), at("x", 80, "169.254.169.254")).ok).toBe(true);
  });
});
