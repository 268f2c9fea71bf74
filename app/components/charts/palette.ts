// The chart colours live in ~/domain/palette, where a unit test checks each
// label against its fill.
export { BAND_COLORS, GRID, INK, SCALE_COLORS, SERIES } from '~/domain/palette'
