import { createContext, useContext } from "react";

// The CSP nonce of this response (express makes one per request): given by the server's entry,
// and read back from the page's scripts by the client's (app/entry.client.tsx).
const NonceContext = createContext("");
export const NonceProvider = NonceContext.Provider;
export const useNonce = () => useContext(NonceContext);
