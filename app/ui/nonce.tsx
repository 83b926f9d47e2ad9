import { createContext, useContext } from "react";

// The CSP nonce of this response (express makes one per request). Browsers hide nonce
// attributes from scripts, so on the client it is empty and only the server's markup carries it.
const NonceContext = createContext("");
export const NonceProvider = NonceContext.Provider;
export const useNonce = () => useContext(NonceContext);
