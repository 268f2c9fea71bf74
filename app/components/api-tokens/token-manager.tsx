import { Form } from '@remix-run/react'
import { useEffect, useRef, useState } from 'react'
import { Field, FormError, SelectField } from '~/components/field'
import { SCOPES, SCOPE_KEYS, type TokenRow, type TokenState } from '~/domain/api-tokens'
import { EXPIRY_OPTIONS } from './schema'

type Failure = { errors: Record<string, string[] | undefined>; values: Record<string, string>; formError: string | null } | null

const STATE_LABELS: Record<TokenState, string> = {
  active: 'Works',
  expired: 'Expired',
  revoked: 'Revoked',
  stopped: 'Stopped',
}

/** Name, scopes and expiry; the value is shown once, by CreatedToken, after the post. */
export function CreateTokenForm({ failure, stoppedNote }: { failure: Failure; stoppedNote: string }) {
  const values = failure?.values ?? {}
  const ticked = new Set(failure ? Object.entries(values).flatMap(([k, v]) => (k === 'scopes' ? [v] : [])) : [])
  return (
    <Form method="post" className="card stack" noValidate aria-labelledby="create-h">
      <h2 id="create-h" style={{ margin: 0 }}>
        Create a token
      </h2>
      <input type="hidden" name="intent" value="create" />
      <FormError message={failure?.formError ?? null} />
      <Field
        label="Name"
        name="name"
        hint="(what it is for, e.g. “Weekly export script”)"
        required
        maxLength={80}
        defaultValue={values.name ?? ''}
        errors={failure?.errors.name}
      />
      <fieldset className="stack" style={{ border: 0, padding: 0, margin: 0, gap: '0.25rem' }} aria-describedby="scopes-error">
        <legend className="small" style={{ fontWeight: 600, marginBottom: '0.25rem' }}>
          Scopes: what the token may do
        </legend>
        {SCOPE_KEYS.map((scope) => (
          <label key={scope} style={{ fontWeight: 400, display: 'flex', gap: '0.6rem', alignItems: 'flex-start', minHeight: 44 }}>
            <input type="checkbox" name="scopes" value={scope} defaultChecked={ticked.has(scope)} style={{ marginTop: '0.3rem' }} />
            <span>
              <code>{scope}</code>
              <br />
              <span className="small muted">{SCOPES[scope]}</span>
            </span>
          </label>
        ))}
        {failure?.errors.scopes?.length ? (
          <p id="scopes-error" className="field-error" role="alert">
            {failure.errors.scopes[0]}
          </p>
        ) : null}
      </fieldset>
      <SelectField
        label="Expires"
        name="expiresIn"
        options={EXPIRY_OPTIONS}
        defaultValue={values.expiresIn ?? '90'}
        errors={failure?.errors.expiresIn}
      />
      <p className="small muted" style={{ margin: 0 }}>
        {stoppedNote}
      </p>
      <div>
        <button type="submit">Create token</button>
      </div>
    </Form>
  )
}

/** The token's value, this once: only its hash is kept, so it cannot be shown again. */
export function CreatedToken({ name, token }: { name: string; token: string }) {
  const [hydrated, setHydrated] = useState(false)
  const [copied, setCopied] = useState<'idle' | 'done' | 'failed'>('idle')
  const input = useRef<HTMLInputElement>(null)
  useEffect(() => setHydrated(true), [])
  async function copy() {
    input.current?.select()
    try {
      await navigator.clipboard.writeText(token)
      setCopied('done')
    } catch {
      setCopied('failed')
    }
  }
  return (
    <section className="card" aria-labelledby="created-h" role="status">
      <h2 id="created-h" style={{ marginTop: 0 }}>
        Token “{name}” created
      </h2>
      <p className="small">
        <strong>Copy it now: it is shown only this once.</strong> Tandem keeps only a fingerprint of it. Send it as{' '}
        <code>Authorization: Bearer …</code>.
      </p>
      <div className="copy">
        <label htmlFor="new-token" className="sr-only">
          The new token
        </label>
        <input id="new-token" ref={input} type="text" readOnly value={token} onFocus={(e) => e.currentTarget.select()} />
        {hydrated ? (
          <button type="button" className="secondary" onClick={copy}>
            Copy
          </button>
        ) : null}
      </div>
      <p className="small muted" aria-live="polite">
        {copied === 'done'
          ? 'Copied to the clipboard.'
          : copied === 'failed'
            ? 'Could not copy; select the token and copy it by hand.'
            : ''}
      </p>
    </section>
  )
}

/** The tokens not yet revoked, each with a button to revoke it at once. */
export function TokenList({ tokens, showCreator, empty }: { tokens: TokenRow[]; showCreator: boolean; empty: string }) {
  if (!tokens.length) return <p className="empty">{empty}</p>
  return (
    <ul style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label="Tokens">
      {tokens.map((t) => (
        <li
          key={t.id}
          className="row"
          style={{ justifyContent: 'space-between', alignItems: 'center', borderTop: '1px solid var(--line)', padding: '0.6rem 0' }}
        >
          <div style={{ flex: '1 1 280px', minWidth: 0 }}>
            <strong>{t.name}</strong> <code className="small">{t.prefix}…</code>{' '}
            <span className={t.state === 'active' ? 'tag' : 'tag warn'}>{STATE_LABELS[t.state]}</span>
            <span className="small" style={{ display: 'flex', flexWrap: 'wrap', gap: '0 0.5rem' }}>
              {t.scopes.map((s) => (
                <code key={s}>{s}</code>
              ))}
            </span>
            <span className="small muted">
              Created {t.created}
              {showCreator ? ` by ${t.createdByName}` : ''} · {t.lastUsed ? `last used ${t.lastUsed}` : 'never used'} ·{' '}
              {t.expires ? `${t.state === 'expired' ? 'expired' : 'expires'} ${t.expires}` : 'no expiry'}
            </span>
          </div>
          <Form method="post">
            <input type="hidden" name="intent" value="revoke" />
            <input type="hidden" name="tokenId" value={t.id} />
            <button type="submit" className="secondary">
              Revoke<span className="sr-only"> {t.name}</span>
            </button>
          </Form>
        </li>
      ))}
    </ul>
  )
}
