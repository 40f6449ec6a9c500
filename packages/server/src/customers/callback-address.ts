// Where the server may send a customer callback. A workspace admin chooses the URL, so without these checks the
// server would make requests into its own network on an admin's behalf (SSRF): only public unicast addresses are
// allowed, unless the workspace allows private ones (local testing, a partner on the same network).
// Pure functions, no I/O: the URL is checked here when configured; callback-http.ts checks every resolved address.
import { isIP } from 'node:net';

export type AddressKind =
  | 'public'
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'carrier-grade NAT'
  | 'multicast'
  | 'documentation'
  | 'reserved'
  | 'unique-local'
  | 'IPv4-mapped'
  | 'invalid';

type Range4 = readonly [base: string, bits: number, kind: AddressKind];

// IANA IPv4 special-purpose registry, minus the globally reachable entries (plus multicast and the reserved block).
const IPV4_RANGES: readonly Range4[] = [
  ['0.0.0.0', 8, 'unspecified'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'carrier-grade NAT'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'reserved'],
  ['192.0.2.0', 24, 'documentation'],
  ['192.88.99.0', 24, 'reserved'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'reserved'],
  ['198.51.100.0', 24, 'documentation'],
  ['203.0.113.0', 24, 'documentation'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'],
];

function ipv4ToInt(address: string): number {
  return address.split('.').reduce((value, octet) => value * 256 + Number(octet), 0);
}

function inRange4(value: number, base: string, bits: number) {
  const size = 2 ** (32 - bits);
  return Math.floor(value / size) === Math.floor(ipv4ToInt(base) / size);
}

function classifyIPv4(value: number): AddressKind {
  for (const [base, bits, kind] of IPV4_RANGES) if (inRange4(value, base, bits)) return kind;
  return 'public';
}

/** The eight 16-bit groups of an IPv6 address (zone id dropped, `::` expanded, a dotted IPv4 tail converted). */
function ipv6Groups(text: string): number[] | null {
  let address = text.replace(/%.*$/, '');
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (dotted) {
    if (isIP(dotted[1]) !== 4) return null;
    const value = ipv4ToInt(dotted[1]);
    address = `${address.slice(0, -dotted[1].length)}${(value >>> 16).toString(16)}:${(value & 0xffff).toString(16)}`;
  }
  const halves = address.split('::');
  if (halves.length > 2) return null;
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((group) => parseInt(group, 16)));
  const head = parse(halves[0]);
  const tail = halves.length === 2 ? parse(halves[1]) : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...new Array<number>(halves.length === 2 ? missing : 0).fill(0), ...tail];
  return groups.every((group) => Number.isInteger(group) && group >= 0 && group <= 0xffff) ? groups : null;
}

function classifyIPv6(g: number[]): AddressKind {
  const embeddedIPv4 = (high: number, low: number) => high * 65536 + low;
  const zeroUpTo = (count: number) => g.slice(0, count).every((group) => group === 0);
  if (zeroUpTo(8)) return 'unspecified';
  if (zeroUpTo(7) && g[7] === 1) return 'loopback';
  if (zeroUpTo(5) && g[5] === 0xffff) return 'IPv4-mapped'; // ::ffff:0:0/96
  if (zeroUpTo(6)) return 'reserved'; // ::/96, the deprecated IPv4-compatible addresses
  // 64:ff9b::/96: NAT64 to the embedded IPv4 address, which decides; 64:ff9b:1::/48 is for local use.
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((group) => group === 0)) return classifyIPv4(embeddedIPv4(g[6], g[7]));
  if (g[0] === 0x64 && g[1] === 0xff9b && g[2] === 1) return 'private';
  if ((g[0] & 0xfe00) === 0xfc00) return 'unique-local'; // fc00::/7
  if ((g[0] & 0xffc0) === 0xfe80) return 'link-local'; // fe80::/10
  if ((g[0] & 0xffc0) === 0xfec0) return 'private'; // fec0::/10, deprecated site-local
  if ((g[0] & 0xff00) === 0xff00) return 'multicast';
  // Everything else outside 2000::/3 (global unicast) is unassigned or special.
  if ((g[0] & 0xe000) !== 0x2000) return 'reserved';
  if (g[0] === 0x2001 && g[1] === 0x0db8) return 'documentation'; // 2001:db8::/32
  if (g[0] === 0x3fff && g[1] < 0x1000) return 'documentation'; // 3fff::/20
  if (g[0] === 0x2001 && g[1] < 0x0200) return 'reserved'; // 2001::/23: Teredo, benchmarking, ORCHID…
  if (g[0] === 0x2002) return classifyIPv4(embeddedIPv4(g[1], g[2])); // 6to4: the embedded IPv4 address decides
  return 'public';
}

/** What kind of address this is; only `public` ones are reachable without `allowPrivateAddresses`. */
export function classifyAddress(address: string): AddressKind {
  const bare = address.startsWith('[') && address.endsWith(']') ? address.slice(1, -1) : address;
  switch (isIP(bare)) {
    case 4:
      return classifyIPv4(ipv4ToInt(bare));
    case 6: {
      const groups = ipv6Groups(bare);
      return groups ? classifyIPv6(groups) : 'invalid';
    }
    default:
      return 'invalid';
  }
}

/** The host of a URL as an IP address when it is an IP literal (`[::1]` → `::1`), else null. */
export function ipLiteralOf(hostname: string): string | null {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return isIP(bare) ? bare : null;
}

export const MAX_CALLBACK_URL_LENGTH = 2000;

/**
 * The URL as it will be stored (normalised), or why it cannot be a callback URL. Host names are resolved, and their
 * addresses checked, on every call instead: DNS can change after this check.
 */
export function checkCallbackUrl(raw: string, allowPrivate: boolean): { url: string } | { problem: string } {
  if (raw.length > MAX_CALLBACK_URL_LENGTH) return { problem: `At most ${MAX_CALLBACK_URL_LENGTH} characters.` };
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { problem: 'Must be an absolute URL such as https://crm.example.com/deskgraph/customer.' };
  }
  if (url.protocol === 'http:' && !allowPrivate) {
    return { problem: 'Must use https://. Plain http:// is allowed only together with allowPrivateAddresses, for local testing.' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { problem: 'Must be an https:// URL.' };
  if (url.username || url.password) {
    return { problem: 'Must not contain credentials (user:password@); requests are signed with the secret instead.' };
  }
  if (url.hash) return { problem: 'Must not contain a #fragment.' };
  if (!url.hostname) return { problem: 'Must name a host.' };
  const literal = ipLiteralOf(url.hostname);
  if (literal && !allowPrivate) {
    const kind = classifyAddress(literal);
    if (kind !== 'public') return { problem: `Points to a ${kind} address; allowed only with allowPrivateAddresses.` };
  }
  if (url.href.length > MAX_CALLBACK_URL_LENGTH) return { problem: `At most ${MAX_CALLBACK_URL_LENGTH} characters.` };
  return { url: url.href };
}
