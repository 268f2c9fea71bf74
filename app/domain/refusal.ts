// The one way the domain and the models say no. A Refusal carries the HTTP
// status it should become, a message written for the person who asked, and
// optionally the form field it is about; ~/utils/refusals.server turns it into
// a response in one place. No Remix import here: the domain and the models
// know nothing of HTTP beyond the number.

export type RefusalStatus = 400 | 403 | 404 | 409 | 413 | 415 | 422 | 429

export class Refusal extends Error {
  readonly status: RefusalStatus
  /** the form field the refusal is about, if any */
  readonly field: string | undefined
  /** errors by field, when several fields are refused at once */
  readonly fieldErrors: Record<string, string[]> | undefined
  /** what a form needs to offer a way out (the open invitation to resend, the lines to fix) */
  readonly detail: unknown

  constructor(status: RefusalStatus, message: string, options: RefusalOptions = {}) {
    super(message)
    this.name = 'Refusal'
    this.status = status
    this.field = options.field
    this.fieldErrors = options.fieldErrors
    this.detail = options.detail
  }
}

type RefusalOptions = { field?: string; fieldErrors?: Record<string, string[]>; detail?: unknown }

/** Throws a Refusal: `refuse(404, 'Autopsy not found.')`. */
export function refuse(status: RefusalStatus, message: string, options?: RefusalOptions): never {
  throw new Refusal(status, message, options)
}

export function isRefusal(error: unknown): error is Refusal {
  return error instanceof Refusal
}
