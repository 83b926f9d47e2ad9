// The offline verifier: checks a certificate's QR token (or the URL the QR code holds) with only
// the portal's published keys. Usage:
//   node --import tsx scripts/verify-certificate.ts <token-or-url> --jwks <jwks.json file or URL>
// Exit status: 0 genuine and current, 1 not genuine, 2 usage, 3 genuine but expired.
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { tokenFromScan, verifyCertificateToken, type Jwks } from "../app/certificates/token.server";
import { kuwaitToday } from "../app/i18n/dates";

export async function loadJwks(source: string): Promise<Jwks> {
  if (/^https?:\/\//.test(source)) return (await (await fetch(source)).json()) as Jwks;
  return JSON.parse(fs.readFileSync(source, "utf8")) as Jwks;
}

export async function main(argv: string[]): Promise<number> {
  const scanned = argv.find((arg) => !arg.startsWith("--") && argv[argv.indexOf(arg) - 1] !== "--jwks");
  const jwksSource = argv[argv.indexOf("--jwks") + 1];
  if (!scanned || !argv.includes("--jwks") || !jwksSource) {
    console.error("Usage: verify-certificate <token-or-url> --jwks <jwks.json file or URL>");
    return 2;
  }
  const token = tokenFromScan(scanned);
  if (!token) {
    console.error("No certificate token found in what was given.");
    return 1;
  }
  const result = verifyCertificateToken(token, await loadJwks(jwksSource));
  if (!result.ok) {
    console.error(`NOT GENUINE: ${result.reason}`);
    return 1;
  }
  const { claims } = result;
  // The expiry printed on the certificate is its last day of validity, in Kuwait.
  const isExpired = claims.e !== null && kuwaitToday() > claims.e;
  const details = [
    `  number:   ${claims.n}`,
    `  service:  ${claims.s}`,
    `  holder:   ${claims.ha} / ${claims.he}`,
    `  issued:   ${claims.i}`,
    `  expires:  ${claims.e ?? "does not expire"}`,
    "  (Revocation is shown only online, on the verify page.)",
  ];
  if (isExpired) {
    console.error(["EXPIRED: genuine, signed by the portal's certificate key, but no longer valid.", ...details].join("\n"));
    return 3;
  }
  console.log(["GENUINE: signed by the portal's certificate key.", ...details].join("\n"));
  return 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exit(await main(process.argv.slice(2)));
