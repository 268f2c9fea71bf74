// axe does not check SVG text, so the charts' label colours are checked here:
// every label drawn on a fill reaches WCAG AA, 4.5:1.
import { describe, expect, it } from 'vitest'
import { BAND_COLORS, HEAT_HIDDEN, HEAT_STEPS, INK, SCALE_COLORS, SERIES, WHITE, contrastRatio, labelOn } from '~/domain/palette'

const AA = 4.5

describe('the chart palette', () => {
  it('measures contrast as WCAG does', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5)
    expect(contrastRatio('#ffffff', '#ffffff')).toBe(1)
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2)
  })

  it.each([...new Set([...SCALE_COLORS, ...BAND_COLORS])])('labels on the distribution fill %s reach 4.5:1', (fill) => {
    expect(contrastRatio(labelOn(fill), fill)).toBeGreaterThanOrEqual(AA)
  })

  it.each([...HEAT_STEPS, HEAT_HIDDEN].map((s) => [s.fill, s.ink]))('heatmap labels on %s in %s reach 4.5:1', (fill, ink) => {
    expect(contrastRatio(ink, fill)).toBeGreaterThanOrEqual(AA)
  })

  it('draws axis text, value labels and line series that read on the white card', () => {
    expect(contrastRatio(INK, WHITE)).toBeGreaterThanOrEqual(AA)
    // Lines are graphics, not text: WCAG asks 3:1 of them (1.4.11).
    for (const s of SERIES) expect(contrastRatio(s.color, WHITE)).toBeGreaterThanOrEqual(3)
  })
})
