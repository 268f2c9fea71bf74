// The workspace setting that turns the generative-culture module on or off,
// as a fieldset of the admin settings form.
import { GENERATIVE_ITEMS } from '~/domain/generative-culture'

export function GenerativeCultureSetting({ checked }: { checked: boolean }) {
  return (
    <fieldset className="card stack">
      <legend>Optional module: generative culture</legend>
      <label style={{ fontWeight: 400, display: 'flex', gap: '0.5rem', alignItems: 'center', minHeight: 44 }}>
        <input type="checkbox" name="generativeCulture" value="on" defaultChecked={checked} />
        Add six statements about how the team handles information to every pulse round that opens from now on
      </label>
      <p className="small muted" style={{ margin: 0 }}>
        Off by default. The statements follow the six aspects of Ron Westrum’s typology of organisational culture, which DORA’s research on
        software delivery also measures: {GENERATIVE_ITEMS.map((i) => i.aspect.toLowerCase()).join(', ')}. They use the same 1–7 scale and
        the same anonymity rules as the pulse, are shown as their own section of a team’s results, and never count toward the Respect Index.
        Rounds already open or closed are not changed; turning the module off stops adding the statements to new rounds.
      </p>
    </fieldset>
  )
}
