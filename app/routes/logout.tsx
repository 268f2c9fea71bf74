import type { ActionFunctionArgs } from '@remix-run/node'
import { json, redirect } from '@remix-run/node'
import { noFields, readForm } from '~/utils/forms'
import { destroySession } from '~/utils/session.server'

// Signing out is a POST: no GET mutates anything.
export async function loader() {
  return redirect('/')
}

/** Deletes this browser's session row, so a copied cookie stops working too. */
export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request, noFields)
  if (!form.ok) return json(form, { status: 422 })
  return destroySession(request, '/login')
}
