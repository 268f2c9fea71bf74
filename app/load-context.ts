// What the production server hands every loader and action. Optional, because
// tests call loaders and actions directly with an empty context.
declare module '@remix-run/node' {
  interface AppLoadContext {
    /** a random id per request, echoed in the X-Request-Id header and in every log line */
    requestId?: string
    /** the client's address (X-Forwarded-For is trusted only when TRUST_PROXY is set) */
    clientAddress?: string
    /** the nonce of this response's Content-Security-Policy */
    cspNonce?: string
  }
}

export {}
