import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { json } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { GeneralErrorBoundary } from '~/components/error-boundary'
import { AddItemForm, TemplateItemCard } from '~/components/pulse/template-editor'
import { isUuid } from '~/domain/ids'
import { DIMENSION_KEYS, DIMENSIONS } from '~/domain/instrument'
import { addItem, getWorkspaceTemplate, listAllItems, retireItem, rewordItem } from '~/models/pulse/template.server'
import { formInvalid, refusalResponse } from '~/utils/refusals.server'
import { useFormResult } from '~/utils/use-form-result'
import { requireAdmin } from '~/utils/auth.server'
import { readForm, text } from '~/utils/forms'
import { redirectWithFlash } from '~/utils/session.server'

export async function loader({ request }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request)
  const template = await getWorkspaceTemplate(admin.workspaceId)
  const items = await listAllItems(admin.workspaceId, template.id)
  const current = items.filter((i) => !i.retiredAt)
  const history = (key: string) =>
    items.filter((i) => i.itemKey === key && i.retiredAt).map((i) => ({ version: i.version, wording: i.wording }))
  return json({
    templateName: template.name,
    dimensions: DIMENSIONS.map((d) => ({
      key: d.key,
      label: d.label,
      description: d.description,
      items: current
        .filter((i) => i.dimension === d.key)
        .map((i) => ({ id: i.id, wording: i.wording, version: i.version, reverseScored: i.reverseScored, history: history(i.itemKey) })),
    })),
    retired: items
      .filter((i) => i.retiredAt && !items.some((n) => n.itemKey === i.itemKey && n.version > i.version))
      .map((i) => ({ id: i.id, wording: i.wording, dimension: i.dimension })),
  })
}

const wording = text('Wording', { min: 10, max: 300 })
const ActionSchema = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('add'),
    dimension: z.enum(DIMENSION_KEYS, { error: 'Choose a dimension' }),
    wording,
    reverseScored: z.enum(['on']).optional(),
  }),
  z.object({
    intent: z.literal('reword'),
    itemId: z.string().refine(isUuid, 'Unknown item'),
    wording,
    reverseScored: z.enum(['on']).optional(),
  }),
  z.object({ intent: z.literal('retire'), itemId: z.string().refine(isUuid, 'Unknown item') }),
])

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request)
  const form = await readForm(request, ActionSchema)
  if (!form.ok) return formInvalid(form)
  const data = form.data
  const template = await getWorkspaceTemplate(admin.workspaceId)
  try {
    if (data.intent === 'add') {
      await addItem(admin.workspaceId, template.id, {
        dimension: data.dimension,
        wording: data.wording,
        reverseScored: data.reverseScored === 'on',
      })
      return redirectWithFlash(request, '/admin/template', 'Item added. It will be asked from the next round that opens.')
    }
    const done =
      data.intent === 'reword'
        ? await rewordItem(admin.workspaceId, data.itemId, { wording: data.wording, reverseScored: data.reverseScored === 'on' })
        : await retireItem(admin.workspaceId, data.itemId)
    return redirectWithFlash(
      request,
      '/admin/template',
      data.intent === 'reword'
        ? `Reworded as version ${'version' in done ? done.version : ''}. Past rounds keep the words they asked; trends start a new line for the new wording.`
        : 'Item retired. Past results keep it; new rounds will not ask it.',
    )
  } catch (error) {
    return refusalResponse(error, { itemId: 'itemId' in data ? data.itemId : '' })
  }
}

export default function TemplateEditor() {
  const data = useLoaderData<typeof loader>()
  const result = useFormResult()
  const failure = result.failed ? result : null
  return (
    <>
      <h1>Pulse questions</h1>
      <p className="muted">
        The “{data.templateName}” template. Changes apply to rounds that open from now on. Rewording keeps the old version with the rounds
        that asked it, so a trend never mixes two wordings.
      </p>
      {failure?.formError ? (
        <p className="alert danger" role="alert">
          {failure.formError}
        </p>
      ) : null}
      {data.dimensions.map((d) => (
        <section key={d.key} aria-labelledby={`dim-${d.key}`}>
          <h2 id={`dim-${d.key}`}>{d.label}</h2>
          <p className="muted small">{d.description}</p>
          {d.items.map((item) => (
            <TemplateItemCard key={item.id} item={item} failure={failure?.values.itemId === item.id ? failure : null} />
          ))}
        </section>
      ))}
      <AddItemForm dimensions={data.dimensions} failure={failure?.values.intent === 'add' ? failure : null} />
      {data.retired.length ? (
        <section aria-labelledby="retired-h">
          <h2 id="retired-h">Retired items</h2>
          <ul>
            {data.retired.map((i) => (
              <li key={i.id} className="muted">
                {i.wording}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  )
}

export const meta: MetaFunction = () => [{ title: 'Pulse questions · Tandem' }]

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
