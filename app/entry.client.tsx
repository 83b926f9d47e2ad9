import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { NonceProvider } from "./ui/nonce";

// The response's CSP nonce: browsers hide the attribute from the page, but an element's `nonce`
// property still reads it. With it, what React draws again on the client (the document's head,
// when an error replaces the whole page) is allowed by the policy like the server's markup.
const nonce = document.querySelector<HTMLScriptElement>("script[nonce]")?.nonce ?? "";

// The root layout provides the translations of the page's language (app/root.tsx).
startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <NonceProvider value={nonce}>
        <RemixBrowser />
      </NonceProvider>
    </StrictMode>,
  );
});
