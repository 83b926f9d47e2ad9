import net from "node:net";

// Address ranges as operators write them (`10.0.0.0/8,127.0.0.1,::1/128`): for who may read the
// metrics. An IPv4 client seen on an IPv6 socket (`::ffff:10.1.2.3`) is matched as IPv4.

export interface AddressRanges {
  includes(address: string | undefined): boolean;
}

/** The ranges, or null when any part is not an address or a CIDR range. */
export function parseAddressRanges(text: string): AddressRanges | null {
  const list = new net.BlockList();
  const parts = text
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  if (parts.length === 0) return null;
  for (const part of parts) {
    const [address = "", prefix, ...rest] = part.split("/");
    const family = net.isIP(address);
    if (family === 0 || rest.length > 0) return null;
    const type = family === 4 ? "ipv4" : "ipv6";
    const bits = prefix === undefined ? (family === 4 ? 32 : 128) : Number(prefix);
    if (!Number.isInteger(bits) || bits < 0 || bits > (family === 4 ? 32 : 128) || (prefix !== undefined && !/^\d+$/.test(prefix))) return null;
    list.addSubnet(address, bits, type);
  }
  return {
    includes(address) {
      if (!address) return false;
      const plain = address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, "$1");
      const family = net.isIP(plain);
      return family !== 0 && list.check(plain, family === 4 ? "ipv4" : "ipv6");
    },
  };
}
