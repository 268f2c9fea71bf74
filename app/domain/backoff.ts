/**
 * Exponential backoff for repeated failures. The first `free` failures cost
 * nothing; after that each failure doubles the wait, from `baseSeconds` up to
 * `capSeconds`. A key forgets its failures after `forgetSeconds` without one.
 * A wait, not a lock: whoever is blocked can try again once it has passed,
 * and the cap bounds how long anyone can be kept out.
 */
export type BackoffPolicy = {
  free: number
  baseSeconds: number
  capSeconds: number
  forgetSeconds: number
}

/** Seconds to wait after the `failures`-th failure in a row. */
export function backoffSeconds(policy: BackoffPolicy, failures: number): number {
  const over = failures - policy.free
  if (over <= 0) return 0
  // 2 ** 30 is already far past any cap; stop there so the number stays finite.
  return Math.min(policy.capSeconds, policy.baseSeconds * 2 ** Math.min(over - 1, 30))
}

const MINUTE = 60
const HOUR = 3600

export const POLICIES = {
  /** Sign-in, one account from one client address: the strict limit. */
  signInAccountClient: { free: 3, baseSeconds: 1, capSeconds: 15 * MINUTE, forgetSeconds: HOUR },
  /**
   * Sign-in, one account from anywhere: looser, with a short cap, and applied
   * only to clients that have themselves failed on this account, so an attack
   * from elsewhere never keeps the real person out.
   */
  signInAccount: { free: 10, baseSeconds: 1, capSeconds: MINUTE, forgetSeconds: HOUR },
  /** Sign-in failures from one client address, whatever the account. */
  signInClient: { free: 20, baseSeconds: 1, capSeconds: 15 * MINUTE, forgetSeconds: HOUR },
  /** Password reset requests for one email: each request counts, since each sends a mail. */
  resetAccount: { free: 3, baseSeconds: MINUTE, capSeconds: 15 * MINUTE, forgetSeconds: 6 * HOUR },
  /** Password reset requests from one client address. */
  resetClient: { free: 10, baseSeconds: MINUTE, capSeconds: HOUR, forgetSeconds: 6 * HOUR },
  /** Links that match nothing (invitation, reset, unsubscribe), per client address. */
  badLinkClient: { free: 10, baseSeconds: 1, capSeconds: 15 * MINUTE, forgetSeconds: HOUR },
  /** Forged unsubscribe links for one person: short cap, so nobody can block a real unsubscribe for long. */
  badLinkAccount: { free: 5, baseSeconds: 1, capSeconds: 2 * MINUTE, forgetSeconds: HOUR },
  /** Wrong current password on the account page, per person. */
  passwordChange: { free: 5, baseSeconds: 1, capSeconds: 15 * MINUTE, forgetSeconds: HOUR },
} satisfies Record<string, BackoffPolicy>

export type PolicyName = keyof typeof POLICIES

/** The longest a row may matter: older rows can be deleted. */
export const THROTTLE_RETENTION_SECONDS = Math.max(...Object.values(POLICIES).map((p) => p.forgetSeconds + p.capSeconds))

/** "45 seconds", "2 minutes": how long to wait, rounded up to what a person would say. */
export function formatWait(seconds: number): string {
  const s = Math.max(1, Math.ceil(seconds))
  if (s < 60) return `${s} second${s === 1 ? '' : 's'}`
  const m = Math.ceil(s / 60)
  return `${m} minute${m === 1 ? '' : 's'}`
}
