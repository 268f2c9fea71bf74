// The trend charts' colours against their white background: lines and points
// at least 3:1 (WCAG 1.4.11, non-text), text at least 4.5:1 (1.4.3).
import { describe, expect, it } from 'vitest'
import { DIRECTION_COLORS, LOW_SAMPLE_COLOR, TREND_BACKGROUND, TREND_SERIES, TREND_TEXT } from '~/components/trends/colors'

function luminance(hex: string) {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  })
  return 0.2126 * r + 0.7152 * g + 0.0722 * b
}

function contrast(a: string, b: string) {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (hi + 0.05) / (lo + 0.05)
}

describe('trend chart colours', () => {
  it('computes contrast as WCAG does', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5)
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2)
  })

  it('gives every series, direction and low-sample point at least 4.5:1, so their labels can share the colour', () => {
    for (const color of [...TREND_SERIES, ...Object.values(DIRECTION_COLORS), LOW_SAMPLE_COLOR, TREND_TEXT]) {
      expect(contrast(color, TREND_BACKGROUND), color).toBeGreaterThanOrEqual(4.5)
    }
  })
})
