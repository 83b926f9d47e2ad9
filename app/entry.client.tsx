import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { browserTranslators } from "./i18n/client";
import { I18N_BOOT_ELEMENT_ID, I18nBootContext, installTranslators, type I18nBoot } from "./i18n/translators";
import { NonceProvider } from "./ui/nonce";

// The response's CSP nonce: browsers hide the attribute from the page, but an element's `nonce`
// property still reads it. With it, what React draws again on the client (the document's head,
// when an error replaces the whole page) is allowed by the policy like the server's markup.
const nonce = document.querySelector<HTMLScriptElement>("script[nonce]")?.nonce ?? "";

// The page's language and the translations its routes use, as the server wrote them (app/root.tsx).
const bootJson = document.getElementById(I18N_BOOT_ELEMENT_ID)?.textContent ?? "";
installTranslators(browserTranslators(JSON.parse(bootJson) as I18nBoot));

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <NonceProvider value={nonce}>
        <I18nBootContext.Provider value={bootJson}>
          <RemixBrowser />
        </I18nBootContext.Provider>
      </NonceProvider>
    </StrictMode>,
  );
});
