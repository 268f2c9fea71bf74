import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import autopsyStyles from '~/components/autopsy/autopsy.css'
import { NOT_FOUND_HANDLERS } from '~/components/autopsy/not-found'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { CsvMappingForm, isCsvPreview, type CsvPreview } from '~/components/features/csv-mapping'
import { ImportStatusLine } from '~/components/features/import-parts'
import { Field, FormError } from '~/components/field'
import { QUESTIONS } from '~/domain/classification'
import { CsvSyntaxError, parseCsv } from '~/domain/csv-parse'
import {
  CSV_FIELDS,
  CSV_SOURCES,
  CSV_TOO_LARGE,
  MAX_CSV_BYTES,
  MAX_IMPORT_ROWS,
  SOURCE_LABELS,
  csvIssues,
  defaultMapping,
  mappingProblems,
  recognizeSource,
  type ColumnMapping,
} from '~/domain/feature-import'
import { plural } from '~/domain/format'
import { importable, importedFeature, previewCounts, previewIssues } from '~/domain/import-preview'
import { STAGE_KEYS } from '~/domain/stages'
import { importedKeys, importFeatures, importStatus } from '~/models/feature-imports.server'
import type { TeamScope } from '~/models/features.server'
import { FACILITATOR } from '~/utils/auth.server'
import { formFailure, parseForm, readFormData } from '~/utils/forms'
import { requireTeamViewer } from '~/utils/guards/autopsy.server'
import { formInvalid } from '~/utils/refusals.server'
import { redirectWithFlash } from '~/utils/session.server'
import { useFormResult } from '~/utils/use-form-result'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: autopsyStyles }]

// Importing writes many features at once: facilitators, who run the team's process, do it.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireTeamViewer(request, params, FACILITATOR)
  return json({ teamBase: `/teams/${scope.teamId}`, status: await importStatus(scope) })
}

const column = z.string().trim().max(300).default('')
const MappedSchema = z.object({
  intent: z.enum(['preview', 'import']),
  csv: z
    .string({ error: 'The file is missing: upload it again.' })
    .min(1, 'The file is missing: upload it again.')
    .max(MAX_CSV_BYTES, CSV_TOO_LARGE),
  source: z.enum(CSV_SOURCES, { error: 'Choose Jira or Linear' }),
  ...(Object.fromEntries(CSV_FIELDS.map((f) => [`${f}Column`, column])) as Record<`${(typeof CSV_FIELDS)[number]}Column`, typeof column>),
  linkBase: z
    .string()
    .trim()
    .max(300)
    .regex(/^(https?:\/\/\S+)?$/, 'Enter an address starting with https://, such as https://acme.atlassian.net/browse')
    .default(''),
  defaultStage: z.enum(STAGE_KEYS, { error: 'Choose a stage' }),
  question: z.enum(QUESTIONS, { error: 'Choose what engineering was asked' }),
})
const ImportSchema = z.discriminatedUnion('intent', [z.object({ intent: z.literal('upload'), file: z.string().default('') }), MappedSchema])
type Mapped = z.infer<typeof MappedSchema>

const tooLarge = () => json(formFailure({}, CSV_TOO_LARGE), { status: 413 })

type PreviewInput = Pick<Mapped, 'csv' | 'source' | 'linkBase' | 'defaultStage' | 'question'>

const mappingOf = (form: Mapped) => Object.fromEntries(CSV_FIELDS.map((f) => [f, form[`${f}Column`]])) as ColumnMapping

async function preview(scope: TeamScope, form: PreviewInput, mapping: ColumnMapping) {
  let parsed
  try {
    parsed = parseCsv(form.csv)
  } catch (error) {
    if (error instanceof CsvSyntaxError) return { failure: `This file is not a readable CSV: ${error.message}` }
    throw error
  }
  if (!parsed.headers.length) return { failure: 'This file is empty: export the issues again with their columns.' }
  if (parsed.rows.length > MAX_IMPORT_ROWS)
    return { failure: `This file has ${parsed.rows.length} rows; import at most ${MAX_IMPORT_ROWS} at a time (split the export by date).` }
  const problems = mappingProblems(mapping, parsed.headers)
  const issues = problems.length ? [] : csvIssues(parsed, mapping, { linkBase: form.linkBase })
  const rows = previewIssues(issues, { existingKeys: await importedKeys(scope, form.source), defaultStage: form.defaultStage })
  const data: CsvPreview = {
    ok: true,
    csv: form.csv,
    headers: parsed.headers,
    recognized: recognizeSource(parsed.headers),
    values: { source: form.source, linkBase: form.linkBase, defaultStage: form.defaultStage, question: form.question, ...mapping },
    mappingProblems: problems,
    badRows: parsed.problems,
    rows,
    counts: previewCounts(rows),
  }
  return { data }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, scope } = await requireTeamViewer(request, params, FACILITATOR)
  const formData = await readFormData(request, { maxBytes: MAX_CSV_BYTES + 200_000, textFiles: ['file'], tooLargeMessage: CSV_TOO_LARGE })
  const form = parseForm(formData, ImportSchema)
  if (!form.ok) return formInvalid(form)
  const data = form.data
  if (data.intent === 'upload') {
    if (!data.file.trim())
      return json(formFailure({}, 'Choose a CSV file exported from Jira or Linear.', { file: ['Choose a file'] }), { status: 422 })
    if (new TextEncoder().encode(data.file).byteLength > MAX_CSV_BYTES) return tooLarge()
    let headers: string[] = []
    try {
      headers = parseCsv(data.file).headers
    } catch {
      // preview() below says what is wrong with the file.
    }
    const recognized = recognizeSource(headers)
    const result = await preview(
      scope,
      { csv: data.file, source: recognized ?? 'jira', linkBase: '', defaultStage: 'handoff', question: 'how_fast' },
      defaultMapping(recognized, headers),
    )
    if ('failure' in result) return json(formFailure({}, result.failure ?? ''), { status: 422 })
    return json(result.data)
  }
  const result = await preview(scope, data, mappingOf(data))
  if ('failure' in result) return json(formFailure({}, result.failure ?? ''), { status: 422 })
  if (data.intent === 'preview' || result.data.mappingProblems.length) {
    return json(result.data, { status: result.data.mappingProblems.length && data.intent === 'import' ? 422 : 200 })
  }
  const rows = result.data.rows
  const ready = importable(rows)
  const { created, skipped } = await importFeatures(
    { ...scope, userId: user.id },
    data.source,
    ready.map((row) => ({ input: importedFeature(row, data.source, data), key: row.key, url: row.url, evidence: row.evidence })),
    { alreadySkipped: rows.length - ready.length },
  )
  const label = SOURCE_LABELS[data.source]
  const message = created
    ? `Imported ${plural(created, 'feature')} from ${label}${skipped ? `; skipped ${skipped} (duplicates or rows with problems)` : ''}.`
    : `Nothing new to import from this ${label} file: all ${plural(skipped, 'row')} are already in the log or have problems.`
  return redirectWithFlash(request, `/teams/${scope.teamId}/features/import`, message)
}

export default function ImportFeatures() {
  const { teamBase, status } = useLoaderData<typeof loader>()
  const result = useFormResult()
  const previewData = isCsvPreview(result.data) ? result.data : null
  return (
    <section aria-labelledby="import-h">
      <div className="page-head">
        <h2 id="import-h">Import features</h2>
        <div className="actions">
          <Link to={`${teamBase}/features/import-github`}>From GitHub issues</Link>
          <Link to={`${teamBase}/features`}>Back to the log</Link>
        </div>
      </div>
      <ImportStatusLine {...status} />
      <FormError message={result.formError} />
      {previewData ? (
        <CsvMappingForm preview={previewData} />
      ) : (
        <Form method="post" encType="multipart/form-data" className="card stack" style={{ maxWidth: 640 }}>
          <p>
            Upload a CSV export from <strong>Jira</strong> (Issues → Export → CSV) or <strong>Linear</strong> (Settings → Import / export →
            Export CSV). You will see every row as it will be created before anything is saved; issues already imported are skipped.
          </p>
          <Field label="CSV file" name="file" type="file" accept=".csv,text/csv" required errors={result.errors.file} hint="up to 1 MB" />
          <div className="form-actions">
            <button type="submit" name="intent" value="upload">
              Read the file
            </button>
          </div>
        </Form>
      )}
    </section>
  )
}

export const meta: MetaFunction = () => [{ title: 'Import features · Tandem' }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary statusHandlers={NOT_FOUND_HANDLERS} />
}
