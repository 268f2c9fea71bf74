// The dashboard's trend sections with their table alternatives: low-sample
// windows named in words, factors per quarter. The charts are drawn in the
// browser only (browser-chart.test.ts); here they are drawn as the browser would.
import { createElement, type ReactNode } from 'react'
import { renderToString } from 'react-dom/server'
import { describe, expect, it, vi } from 'vitest'
import { FactorsOverTimeSection } from '~/components/trends/factors-over-time'
import { RollingIndicatorsSection } from '~/components/trends/rolling-indicators'
import { factorsOverTime } from '~/domain/trends/factors-over-time'
import { LOW_SAMPLE_LABEL, rollingIndicators } from '~/domain/trends/rolling-indicators'

vi.mock('~/components/charts/browser-chart', () => ({
  BrowserChart: ({ children }: { children: ReactNode }) => createElement('div', { className: 'chart-box' }, children),
}))

const team = { id: 'team-a', name: 'Atlas' }
const month = (m: string, features: number) => ({
  teamId: team.id,
  month: `${m}-01`,
  features,
  missed: 0,
  differentWithoutUpset: 0,
  engineeringBeforeSpec: features,
  handoff: 0,
  collaboration: features,
  specWords: [],
})

describe('rolling indicators section', () => {
  it('names each low-sample window in the table and marks its points on the charts', () => {
    const data = rollingIndicators([team], [month('2026-01', 2), month('2026-02', 4), month('2026-03', 3)], {
      fromMonth: '2026-01-01',
      toMonth: '2026-03-01',
    })
    const html = renderToString(createElement(RollingIndicatorsSection, { data }))
    // January (2) and February (2 + 4 = 6): one window below five, two at or above.
    expect(html.split(`<td>${LOW_SAMPLE_LABEL}</td>`)).toHaveLength(2)
    expect(html).toContain('Nov 2025–Jan 2026')
    expect(html).toContain('1 of 3 windows are like that.')
    // January is labelled on the three charts that have a value (no spec lengths were logged).
    expect(html.match(/&lt;5<\/text>/g)?.length).toBe(3)
  })
})

describe('factors over time section', () => {
  it('draws the quarters and lists every series in the table', () => {
    const data = factorsOverTime(
      [
        { month: '2026-01-01', kind: 'factor', key: 'spec_as_handoff', count: 2 },
        { month: '2026-05-01', kind: 'factor', key: 'respect_deficit', count: 1 },
        { month: '2026-05-01', kind: 'stage', key: 'spec', count: 1 },
      ],
      { from: '2026-01-01', to: '2026-06-30' },
    )
    const html = renderToString(createElement(FactorsOverTimeSection, { data }))
    expect(html).toContain('Spec as handoff (2)')
    expect(html).toContain('<th scope="row">Q2 2026</th>')
    expect(html).toContain('factors-over-time-wide')
  })

  it('says so when no autopsy named a factor', () => {
    const html = renderToString(
      createElement(FactorsOverTimeSection, { data: factorsOverTime([], { from: '2026-01-01', to: '2026-03-31' }) }),
    )
    expect(html).toContain('No published autopsy in this range named a contributing factor.')
  })
})
