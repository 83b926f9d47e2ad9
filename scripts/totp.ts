// Prints the current code for a TOTP secret, for trying the demo staff accounts without a phone.
import { totpCode, totpStep } from "../app/auth/totp.server";

const secret = process.argv[2];
if (!secret) {
  console.error("Usage: node --import tsx scripts/totp.ts <base32-secret>");
  process.exit(2);
}
console.log(totpCode(secret, totpStep(new Date())));
