import type { ActionFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { destroySession } from '~/utils/session.server'

// Signing out is a POST: no GET mutates anything.
export async function loader() {
  return redirect('/')
}

/** Deletes this browser's session row, so a copied cookie stops working too. */
export async function action({ request }: ActionFunctionArgs) {
  return destroySession(request, '/login')
}
