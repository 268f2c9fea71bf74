import { createContext, useContext } from 'react'

/**
 * The Content-Security-Policy nonce of the response being rendered. Only the
 * server knows it; in the browser it is empty, and browsers hide the attribute
 * anyway, so hydration compares nothing.
 */
export const NonceContext = createContext<string | undefined>(undefined)

export function useNonce() {
  return useContext(NonceContext)
}
