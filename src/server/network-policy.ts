import { isIP } from "node:net";

/**
 * Which network addresses an `http.request` node may reach: the pure half of
 * the worker's SSRF guard (worker/guarded-fetch.ts does the I/O).
 *
 * Terminology:
 * - public address: any unicast address not in one of the ranges below; always allowed.
 * - non-public address: loopback, private (RFC 1918, IPv6 site-local, local-use NAT64),
 *   link-local (incl. the cloud metadata address 169.254.169.254), unique local (fc00::/7),
 *   shared/CGNAT (100.64.0.0/10), multicast, unspecified (0.0.0.0/8, ::) and reserved
 *   (documentation, benchmarking, 240.0.0.0/4, broadcast, IPv4-compatible IPv6, Teredo…).
 *   IPv6 forms that embed an IPv4 address (IPv4-mapped ::ffff:a.b.c.d, NAT64 64:ff9b::/96,
 *   6to4 2002::/16) are classified by the IPv4 address they carry.
 * - allowlist (HTTP_ALLOW_PRIVATE_NETWORKS): comma-separated entries that make some
 *   non-public destinations reachable:
 *     `*`                      every destination
 *     `10.0.0.0/8`, `fd00::/8` a CIDR block (any port)
 *     `127.0.0.1`, `::1`       one address (any port)
 *     `127.0.0.1:8080`, `[::1]:8080`  one address, one port
 *     `localhost`, `db.internal:5984` a host name as written in the URL (optionally one port)
 *   A host-name entry trusts whatever that name resolves to; an address entry matches the
 *   address actually connected to (an IPv4-mapped IPv6 address matches its IPv4 form).
 */
export type AddressKind =
  | "public"
  | "loopback"
  | "private"
  | "link-local"
  | "unique-local"
  | "shared"
  | "multicast"
  | "unspecified"
  | "reserved";

/** What the refusal message calls each kind: "… refused: <description>". */
export const ADDRESS_KIND_DESCRIPTION: Record<Exclude<AddressKind, "public">, string> = {
  loopback: "loopback address",
  private: "private network address",
  "link-local": "link-local address",
  "unique-local": "unique local address",
  shared: "shared (carrier-grade NAT) address",
  multicast: "multicast address",
  unspecified: "unspecified address",
  reserved: "reserved address",
};

/** The allowance development and the test harnesses use: this machine only. */
export const LOOPBACK_ALLOWLIST = "127.0.0.0/8,::1,localhost";

type Ip = { family: 4 | 6; value: bigint };
type Range = { family: 4 | 6; base: bigint; bits: number };
type Classified = Exclude<AddressKind, "public"> | "embedded-ipv4";

const IPV4_RANGES: Array<[string, Classified]> = [
  ["0.0.0.0/8", "unspecified"],
  ["10.0.0.0/8", "private"],
  ["100.64.0.0/10", "shared"],
  ["127.0.0.0/8", "loopback"],
  ["169.254.0.0/16", "link-local"],
  ["172.16.0.0/12", "private"],
  ["192.0.0.0/24", "reserved"],
  ["192.0.2.0/24", "reserved"],
  ["192.88.99.0/24", "reserved"],
  ["192.168.0.0/16", "private"],
  ["198.18.0.0/15", "reserved"],
  ["198.51.100.0/24", "reserved"],
  ["203.0.113.0/24", "reserved"],
  ["224.0.0.0/4", "multicast"],
  ["240.0.0.0/4", "reserved"], // includes 255.255.255.255
];

/** Checked in order: the first match wins (so ::1 before ::/96). */
const IPV6_RANGES: Array<[string, Classified]> = [
  ["::/128", "unspecified"],
  ["::1/128", "loopback"],
  ["::ffff:0:0/96", "embedded-ipv4"], // IPv4-mapped
  ["::ffff:0:0:0/96", "reserved"], // IPv4-translated (SIIT)
  ["::/96", "reserved"], // IPv4-compatible (deprecated)
  ["64:ff9b::/96", "embedded-ipv4"], // NAT64
  ["64:ff9b:1::/48", "private"], // local-use NAT64
  ["100::/64", "reserved"], // discard
  ["2001::/32", "reserved"], // Teredo
  ["2001:db8::/32", "reserved"], // documentation
  ["2002::/16", "embedded-ipv4"], // 6to4
  ["fc00::/7", "unique-local"],
  ["fe80::/10", "link-local"],
  ["fec0::/10", "private"], // site-local (deprecated)
  ["ff00::/8", "multicast"],
];

const parsedRanges = (list: Array<[string, Classified]>) => list.map(([cidr, kind]) => [parseCidr(cidr)!, kind] as const);
const V4 = parsedRanges(IPV4_RANGES);
const V6 = parsedRanges(IPV6_RANGES);

/** Classify an IP address (IPv4 dotted, or IPv6 with or without brackets / zone). Throws on a non-address. */
export function classifyAddress(address: string): AddressKind {
  const ip = parseIp(address);
  if (ip === undefined) throw new Error(`"${address}" is not an IP address`);
  return classifyIp(ip);
}

function classifyIp(ip: Ip): AddressKind {
  for (const [range, kind] of ip.family === 4 ? V4 : V6) {
    if (!inRange(ip, range)) continue;
    if (kind !== "embedded-ipv4") return kind;
    return classifyIp(embeddedIpv4(ip, range));
  }
  return "public";
}

/** The IPv4 address carried by an IPv4-mapped / NAT64 (low 32 bits) or 6to4 (bits 16–47) address. */
function embeddedIpv4(ip: Ip, range: Range): Ip {
  const shift = range.bits === 16 ? 80n : 0n;
  return { family: 4, value: (ip.value >> shift) & 0xffff_ffffn };
}

/** An IPv4-mapped IPv6 address as its IPv4 form, anything else unchanged (for allowlist matching). */
function unmapped(ip: Ip): Ip {
  return ip.family === 6 && ip.value >> 32n === 0xffffn ? { family: 4, value: ip.value & 0xffff_ffffn } : ip;
}

function inRange(ip: Ip, range: Range): boolean {
  if (ip.family !== range.family) return false;
  const width = ip.family === 4 ? 32n : 128n;
  const shift = width - BigInt(range.bits);
  return ip.value >> shift === range.base >> shift;
}

/** Parse an IP address the way `net.isIP` accepts it (IPv6 may carry brackets or a %zone). */
export function parseIp(text: string): Ip | undefined {
  const bare = text.startsWith("[") && text.endsWith("]") ? text.slice(1, -1) : text;
  const noZone = bare.split("%")[0]!;
  const family = isIP(noZone);
  if (family === 4) return { family: 4, value: ipv4Value(noZone) };
  if (family !== 6) return undefined;
  let head = noZone;
  let tailV4: bigint | undefined;
  const lastColon = head.lastIndexOf(":");
  if (head.slice(lastColon + 1).includes(".")) {
    tailV4 = ipv4Value(head.slice(lastColon + 1));
    head = `${head.slice(0, lastColon + 1)}0:0`;
  }
  const [left = "", right] = head.split("::");
  const groups = (part: string) => (part === "" ? [] : part.split(":"));
  const leftGroups = groups(left);
  const rightGroups = right === undefined ? [] : groups(right);
  const missing = 8 - leftGroups.length - rightGroups.length;
  const all = [...leftGroups, ...Array<string>(right === undefined ? 0 : missing).fill("0"), ...rightGroups];
  let value = all.reduce((acc, group) => (acc << 16n) | BigInt(parseInt(group, 16)), 0n);
  if (tailV4 !== undefined) value = (value & ~0xffff_ffffn) | tailV4;
  return { family: 6, value };
}

function ipv4Value(text: string): bigint {
  return text.split(".").reduce((acc, octet) => (acc << 8n) | BigInt(Number(octet)), 0n);
}

function parseCidr(text: string): Range | undefined {
  const slash = text.lastIndexOf("/");
  if (slash < 0) return undefined;
  const ip = parseIp(text.slice(0, slash));
  const bitsText = text.slice(slash + 1);
  if (ip === undefined || !/^\d{1,3}$/.test(bitsText)) return undefined;
  const bits = Number(bitsText);
  if (bits > (ip.family === 4 ? 32 : 128)) return undefined;
  return { family: ip.family, base: ip.value, bits };
}

// ── the allowlist ─────────────────────────────────────────────────────────────

type AllowEntry = { kind: "range"; range: Range; port?: number } | { kind: "host"; name: string; port?: number };

export type NetworkAllowlist = {
  /** `*`: every destination is allowed. */
  readonly any: boolean;
  readonly entries: readonly AllowEntry[];
  /** The list as configured, for messages. */
  readonly text: string;
};

export const EMPTY_ALLOWLIST: NetworkAllowlist = { any: false, entries: [], text: "" };

const HOST_NAME = /^(?=.{1,253}$)[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*$/;

/** Parse HTTP_ALLOW_PRIVATE_NETWORKS; throws an Error naming the first bad entry and the accepted forms. */
export function parseNetworkAllowlist(text: string | undefined): NetworkAllowlist {
  const entries: AllowEntry[] = [];
  let any = false;
  for (const raw of (text ?? "").split(",")) {
    const entry = raw.trim().toLowerCase();
    if (entry === "") continue;
    if (entry === "*") {
      any = true;
      continue;
    }
    const parsed = parseEntry(entry);
    if (parsed === undefined) {
      throw new Error(
        `"${raw.trim()}" is not a CIDR block (10.0.0.0/8, fd00::/8), an address (127.0.0.1, ::1, [::1]:8080), a host name (localhost, db.internal:5984) or *`,
      );
    }
    entries.push(parsed);
  }
  return { any, entries, text: (text ?? "").trim() };
}

function parseEntry(entry: string): AllowEntry | undefined {
  if (entry.includes("/")) {
    const range = parseCidr(entry);
    return range && { kind: "range", range };
  }
  const single = (written: Ip, port?: number): AllowEntry => {
    const ip = unmapped(written);
    return { kind: "range", range: { family: ip.family, base: ip.value, bits: ip.family === 4 ? 32 : 128 }, port };
  };
  const plain = parseIp(entry);
  if (plain !== undefined) return single(plain);
  const bracketed = /^\[([^\]]+)\]:(\d{1,5})$/.exec(entry);
  if (bracketed) {
    const ip = parseIp(bracketed[1]!);
    const port = portOf(bracketed[2]!);
    return ip?.family === 6 && port !== undefined ? single(ip, port) : undefined;
  }
  const [host = "", portText, extra] = entry.split(":");
  if (extra !== undefined) return undefined;
  const port = portText === undefined ? undefined : portOf(portText);
  if (portText !== undefined && port === undefined) return undefined;
  const ip = parseIp(host);
  if (ip !== undefined) return single(ip, port);
  const name = host.endsWith(".") ? host.slice(0, -1) : host;
  return HOST_NAME.test(name) ? { kind: "host", name, port } : undefined;
}

function portOf(text: string): number | undefined {
  const port = Number(text);
  return /^\d{1,5}$/.test(text) && port >= 1 && port <= 65535 ? port : undefined;
}

export type Destination = {
  /** The URL's host name, lower case, without brackets. */
  hostname: string;
  port: number;
  /** The address about to be connected to. */
  address: string;
};

/**
 * Whether `destination` may be connected to: public addresses always, others
 * only when an allowlist entry matches. Returns the refusal reason otherwise.
 */
export function checkDestination(allowlist: NetworkAllowlist, destination: Destination): { ok: true } | { ok: false; kind: AddressKind } {
  const ip = parseIp(destination.address);
  if (ip === undefined) return { ok: false, kind: "reserved" };
  const kind = classifyIp(ip);
  if (kind === "public" || allowlist.any) return { ok: true };
  const hostname = destination.hostname.replace(/^\[|\]$/g, "").replace(/\.$/, "").toLowerCase();
  const address = unmapped(ip);
  const allowed = allowlist.entries.some((entry) => {
    if (entry.port !== undefined && entry.port !== destination.port) return false;
    return entry.kind === "host" ? entry.name === hostname : inRange(address, entry.range);
  });
  return allowed ? { ok: true } : { ok: false, kind };
}
