// Server-renders a route's page the way Remix would, from the JSON its loader
// returned, so a test can read the words a person actually gets. Remix's
// hooks are replaced (with vi.mock in the test file) by ones that hand the
// component that JSON; everything else in the component is real.
import { createElement, type ComponentType, type ReactNode } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'

export type PageState = { data: unknown; path: string }

type LinkProps = { to: unknown; children?: ReactNode; prefetch?: unknown; reloadDocument?: unknown; end?: unknown } & Record<
  string,
  unknown
>

function href(to: unknown) {
  return typeof to === 'string' ? to : String((to as { pathname?: string } | null)?.pathname ?? '')
}

function Link({ to, children, prefetch: _p, reloadDocument: _r, end: _e, ...rest }: LinkProps) {
  return createElement('a', { ...rest, href: href(to) }, children)
}

function Form({ children, method, action }: { children?: ReactNode; method?: string; action?: string }) {
  return createElement('form', { method, action }, children)
}

/** The replacement for '@remix-run/react' in a test file: `vi.mock('@remix-run/react', async (orig) => remixMock(await orig(), state))`. */
export function remixMock(actual: Record<string, unknown>, state: PageState) {
  return {
    ...actual,
    useLoaderData: () => state.data,
    useActionData: () => undefined,
    useOutlet: () => null,
    useNavigation: () => ({ state: 'idle', location: undefined, formData: undefined }),
    useLocation: () => ({
      pathname: state.path.split('?')[0],
      search: state.path.includes('?') ? `?${state.path.split('?')[1]}` : '',
      hash: '',
      state: null,
      key: 'default',
    }),
    Link,
    NavLink: Link,
    Form,
  }
}

export function renderPage(component: ComponentType, state: PageState, data: unknown, path: string) {
  state.data = data
  state.path = path
  return renderToStaticMarkup(createElement(component))
}

/** The visible text of rendered HTML: tags dropped, entities decoded, whitespace collapsed. */
export function textOf(html: string) {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim()
}
