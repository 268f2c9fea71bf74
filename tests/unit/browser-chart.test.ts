// Charts are drawn in the browser only: the server sends a box of the chart's
// height (so nothing jumps) and the table beside it carries the numbers.
import { createElement } from 'react'
import { renderToString } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { BrowserChart } from '~/components/charts/browser-chart'
import { RollingIndicatorsSection } from '~/components/trends/rolling-indicators'
import { rollingIndicators } from '~/domain/trends/rolling-indicators'

describe('browser-only charts', () => {
  it('server-renders an empty box of the chart’s height', () => {
    const html = renderToString(
      createElement(BrowserChart, { height: 198, className: 'only-wide', children: createElement('svg', null, 'chart') }),
    )
    expect(html).toBe('<div class="chart-box only-wide" style="height:198px"></div>')
  })

  it('leaves a section’s charts out of the page and keeps its table', () => {
    const months = ['2026-01', '2026-02', '2026-03'].map((m) => ({
      teamId: 'team-a',
      month: `${m}-01`,
      features: 6,
      missed: 1,
      differentWithoutUpset: 0,
      engineeringBeforeSpec: 6,
      handoff: 0,
      collaboration: 6,
      specWords: [],
    }))
    const data = rollingIndicators([{ id: 'team-a', name: 'Atlas' }], months, { fromMonth: '2026-01-01', toMonth: '2026-03-01' })
    const html = renderToString(createElement(RollingIndicatorsSection, { data }))
    expect(html).not.toContain('<svg class="recharts-surface"')
    expect(html).toContain('Jan–Mar 2026')
  })
})
