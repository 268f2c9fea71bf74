import { useBeforeUnload, useBlocker } from '@remix-run/react'
import { useCallback, useEffect, useState, type RefObject } from 'react'

const MESSAGE = 'You have changes that are not saved. Leave this page and lose them?'

/**
 * With JavaScript on, asks before leaving a form with unsaved typing: a
 * reload or closed tab gets the browser's own prompt, a link inside the app a
 * confirm. Submitting the form is never blocked. Without JavaScript nothing
 * warns, which is why the edit page saves all its sections in one submit.
 */
export function useLeaveWarning(form: RefObject<HTMLFormElement | null>) {
  const [dirty, setDirty] = useState(false)
  useEffect(() => {
    const element = form.current
    if (!element) return
    const mark = () => setDirty(true)
    const clear = () => setDirty(false)
    element.addEventListener('input', mark)
    element.addEventListener('submit', clear)
    return () => {
      element.removeEventListener('input', mark)
      element.removeEventListener('submit', clear)
    }
  }, [form])
  useBeforeUnload(
    useCallback(
      (event: BeforeUnloadEvent) => {
        if (!dirty) return
        event.preventDefault()
        event.returnValue = MESSAGE
      },
      [dirty],
    ),
  )
  const blocker = useBlocker(({ currentLocation, nextLocation, historyAction }) => {
    return dirty && historyAction !== 'REPLACE' && currentLocation.pathname !== nextLocation.pathname
  })
  useEffect(() => {
    if (blocker.state !== 'blocked') return
    if (window.confirm(MESSAGE)) blocker.proceed()
    else blocker.reset()
  }, [blocker])
}
