import { publishedKeys } from "~/certificates/token.server";
import { getRuntime } from "~/runtime.server";

// The public keys that check the QR codes on certificates, for offline verifiers.
export function loader() {
  return new Response(JSON.stringify(publishedKeys([getRuntime().certificateKey])), {
    headers: { "Content-Type": "application/jwk-set+json", "Cache-Control": "public, max-age=3600", "Access-Control-Allow-Origin": "*" },
  });
}
