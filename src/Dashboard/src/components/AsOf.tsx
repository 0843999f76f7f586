import { useState } from 'preact/hooks';
import { useAsOf, useParams } from '../url';
import { formatTime, fromLocalInput, toLocalInput } from '../format';

/// The catalog-wide "as of" moment: every page shows the history as it stood then.
export function AsOfControl() {
  const asOf = useAsOf();
  const [, update] = useParams();
  const [value, setValue] = useState(asOf ? toLocalInput(asOf) : '');
  const apply = (event: Event) => {
    event.preventDefault();
    const date = fromLocalInput(value);
    update({ asOf: date ? date.toISOString() : null, after: null, before: null });
  };
  return (
    <form class="as-of" onSubmit={apply} aria-label="Show the catalog as of a moment">
      <label for="as-of-input">As of</label>
      <input id="as-of-input" type="datetime-local" value={value} onInput={(e) => setValue((e.target as HTMLInputElement).value)} />
      <button type="submit">Apply</button>
      {asOf && (
        <button
          type="button"
          onClick={() => {
            setValue('');
            update({ asOf: null, after: null, before: null });
          }}
        >
          Now
        </button>
      )}
    </form>
  );
}

export function AsOfBanner() {
  const asOf = useAsOf();
  if (!asOf) return null;
  return (
    <p class="banner" role="note">
      Showing the catalog as it stood on <strong>{formatTime(asOf, true)}</strong>: later changes are left out and live updates are paused.
    </p>
  );
}
