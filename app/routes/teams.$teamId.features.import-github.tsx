import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import autopsyStyles from '~/components/autopsy/autopsy.css'
import { NOT_FOUND_HANDLERS } from '~/components/autopsy/not-found'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { GithubPreviewForm, isGithubPreview, type GithubPreview } from '~/components/features/github-preview'
import { ImportStatusLine } from '~/components/features/import-parts'
import { Field, FormError } from '~/components/field'
import { QUESTIONS } from '~/domain/classification'
import { plural } from '~/domain/format'
import {
  githubLogins,
  githubSourceIssues,
  guessMember,
  readCarriedIssues,
  REPOSITORY_PATTERN,
  type GithubIssue,
} from '~/domain/github-import'
import { importable, importedFeature, previewCounts, previewIssues } from '~/domain/import-preview'
import { STAGE_KEYS, type StageKey } from '~/domain/stages'
import { importedKeys, importFeatures, importStatus, recordImportFailure } from '~/models/feature-imports.server'
import type { TeamScope } from '~/models/features.server'
import { listTeamMembers } from '~/models/team.server'
import { FACILITATOR } from '~/utils/auth.server'
import { formFailure, MAX_FORM_BYTES, parseForm, readFormData } from '~/utils/forms'
import { fetchRepositoryIssues, GithubError } from '~/utils/github.server'
import { openCarried, signCarried } from '~/utils/tokens.server'
import { requireTeamViewer } from '~/utils/guards/autopsy.server'
import { formInvalid } from '~/utils/refusals.server'
import { redirectWithFlash } from '~/utils/session.server'
import { useFormResult } from '~/utils/use-form-result'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: autopsyStyles }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireTeamViewer(request, params, FACILITATOR)
  return json({ teamBase: `/teams/${scope.teamId}`, status: await importStatus(scope) })
}

const repo = z
  .string({ error: 'Enter the repository' })
  .trim()
  .regex(REPOSITORY_PATTERN, 'Enter the repository as owner/name, such as acme/checkout')
const choices = {
  defaultStage: z.enum(STAGE_KEYS, { error: 'Choose a stage' }),
  question: z.enum(QUESTIONS, { error: 'Choose a question' }),
}
// A person's login maps to a team member in a field named "who:<login>".
const GithubSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('fetch'), repo, token: z.string({ error: 'Enter a token' }).trim().min(1, 'Enter a token').max(500) }),
  z
    .object({ intent: z.enum(['preview', 'import']), repo, issues: z.string().max(MAX_FORM_BYTES), ...choices })
    .catchall(z.union([z.string().max(100), z.array(z.string().max(100)).max(2)])),
])

/** The logins the form mapped (or, on a fresh fetch, the server guessed) to team members. */
type People = Awaited<ReturnType<typeof listTeamMembers>>

function buildPreview(
  scope: TeamScope & { existing: Set<string> },
  people: People,
  form: { repo: string; defaultStage: StageKey; question: (typeof QUESTIONS)[number] },
  issues: GithubIssue[],
  mapped: (login: string) => string,
): GithubPreview {
  const logins = githubLogins(issues).slice(0, 100)
  const mapping = logins.map((login) => ({ login, userId: people.some((p) => p.userId === mapped(login)) ? mapped(login) : '' }))
  const engineers = new Set(
    mapping.filter((m) => people.find((p) => p.userId === m.userId)?.discipline === 'engineering').map((m) => m.login),
  )
  const rows = previewIssues(githubSourceIssues(issues, { repo: form.repo, engineerLogins: engineers }), {
    existingKeys: scope.existing,
    defaultStage: form.defaultStage,
  })
  return {
    ok: true,
    issues: signCarried('github-issues', JSON.stringify(issues)),
    values: { repo: form.repo, defaultStage: form.defaultStage, question: form.question },
    people: people.map((p) => ({ userId: p.userId, label: `${p.name} (${p.discipline})` })),
    mapping,
    rows,
    counts: previewCounts(rows),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, scope } = await requireTeamViewer(request, params, FACILITATOR)
  const form = parseForm(await readFormData(request), GithubSchema)
  // What was typed is echoed back, except the token: it is never sent back to the page.
  if (!form.ok) return formInvalid({ ...form, values: Object.fromEntries(Object.entries(form.values).filter(([k]) => k !== 'token')) })
  const data = form.data
  const [people, existing] = await Promise.all([listTeamMembers(scope.workspaceId, scope.teamId), importedKeys(scope, 'github')])
  const defaults = { defaultStage: 'handoff' as const, question: 'how_fast' as const }
  if (data.intent === 'fetch') {
    let fetched
    try {
      fetched = await fetchRepositoryIssues({ token: data.token, repo: data.repo })
    } catch (error) {
      if (!(error instanceof GithubError)) throw error
      await recordImportFailure({ ...scope, userId: user.id }, 'github', error.message)
      return json(formFailure({ repo: data.repo }, error.message), { status: 422 })
    }
    const guess = (login: string) => guessMember(login, people)?.userId ?? ''
    return json({
      ...buildPreview({ ...scope, existing }, people, { repo: data.repo, ...defaults }, fetched.issues, guess),
      truncated: fetched.truncated,
    })
  }
  const carried = openCarried('github-issues', data.issues)
  const issues = carried === null ? null : readCarriedIssues(carried)
  if (!issues) return json(formFailure({ repo: data.repo }, 'The fetched issues were lost: fetch them from GitHub again.'), { status: 422 })
  const who = (login: string) => {
    const value = data[`who:${login}`]
    return typeof value === 'string' ? value : ''
  }
  const preview = buildPreview({ ...scope, existing }, people, data, issues, who)
  if (data.intent === 'preview') return json(preview)
  const ready = importable(preview.rows)
  const { created, skipped } = await importFeatures(
    { ...scope, userId: user.id },
    'github',
    ready.map((row) => ({ input: importedFeature(row, 'github', data), key: row.key, url: row.url, evidence: row.evidence })),
    { alreadySkipped: preview.rows.length - ready.length },
  )
  const message = created
    ? `Imported ${plural(created, 'feature')} from ${data.repo}${skipped ? `; skipped ${skipped} (duplicates, open issues or problems)` : ''}.`
    : `Nothing new to import from ${data.repo}: all ${plural(skipped, 'issue')} are already in the log, still open or have problems.`
  return redirectWithFlash(request, `/teams/${scope.teamId}/features/import-github`, message)
}

export default function ImportFromGithub() {
  const { teamBase, status } = useLoaderData<typeof loader>()
  const result = useFormResult()
  const preview = isGithubPreview(result.data) ? result.data : null
  return (
    <section aria-labelledby="gh-h">
      <div className="page-head">
        <h2 id="gh-h">Import features from GitHub issues</h2>
        <div className="actions">
          <Link to={`${teamBase}/features/import`}>From a Jira or Linear CSV</Link>
          <Link to={`${teamBase}/features`}>Back to the log</Link>
        </div>
      </div>
      <ImportStatusLine {...status} />
      <FormError message={result.formError} />
      {preview ? (
        <GithubPreviewForm preview={preview} />
      ) : (
        <Form method="post" className="card stack" style={{ maxWidth: 640 }}>
          <p>
            Closed issues become features: opened → work began, closed → shipped. Who commented on or was assigned each issue, and when,
            gives the stage engineering joined. You see every issue before anything is saved.
          </p>
          <Field
            label="Repository"
            name="repo"
            placeholder="owner/name"
            defaultValue={result.values.repo ?? ''}
            errors={result.errors.repo}
            required
            autoComplete="off"
          />
          <Field
            label="Token"
            name="token"
            type="password"
            errors={result.errors.token}
            required
            autoComplete="off"
            hint="a fine-grained token with read access to the repository’s issues; used for this request only, never stored"
          />
          <div className="form-actions">
            <button type="submit" name="intent" value="fetch">
              Read the issues
            </button>
          </div>
        </Form>
      )}
    </section>
  )
}

export const meta: MetaFunction = () => [{ title: 'Import from GitHub · Tandem' }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary statusHandlers={NOT_FOUND_HANDLERS} />
}
