import { Fragment } from 'preact';
import { useState } from 'preact/hooks';
import { graphql } from '../../generated';
import { useData } from '../../api/useData';
import { PersonLink } from '../../components/Links';
import { Empty, Loaded } from '../../components/Status';
import { formatTime, formatVersion, fromLocalInput, toLocalInput } from '../../format';
import { useAsOf, useParams } from '../../url';
import { facts, namedLists } from './snapshot';

const AsOfQuery = graphql(`
  query AssetAsOf($entityId: UUID!, $at: DateTime!) {
    entityAsOf(entityId: $entityId, at: $at) { version lifecycle changedAt changedBy snapshot }
  }
`);

/// The asset as it stood at a moment: the version then in force, its facts and its lists.
export function StateAsOf({ entityId }: { entityId: string }) {
  const [params, update] = useParams();
  const asOf = useAsOf();
  const at = params.get('at') ?? asOf?.toISOString() ?? null;
  const [draft, setDraft] = useState(at ? toLocalInput(new Date(at)) : toLocalInput(new Date()));
  const result = useData(AsOfQuery, { entityId, at: at ?? '' }, { pause: !at });
  return (
    <>
      <form
        class="controls"
        aria-label="Moment"
        onSubmit={(e) => {
          e.preventDefault();
          update({ at: fromLocalInput(draft)?.toISOString() ?? null });
        }}
      >
        <label for="asset-at">
          The asset as it stood on
          <input id="asset-at" type="datetime-local" value={draft} onInput={(e) => setDraft((e.target as HTMLInputElement).value)} required />
        </label>
        <button type="submit">Show</button>
      </form>
      {!at ? (
        <Empty>Choose a moment.</Empty>
      ) : (
        <Loaded result={result} what="the asset's state then">
          {(data) => {
            const state = data.entityAsOf;
            if (!state) return <Empty>The asset did not exist on {formatTime(at)} (not yet made, or already erased).</Empty>;
            return (
              <>
                <p id="as-of-version">
                  Version <strong>{formatVersion(state.version)}</strong>, {state.lifecycle.toLowerCase().replace('_', ' ')}, made {formatTime(state.changedAt)} by{' '}
                  <PersonLink name={state.changedBy} />.
                </p>
                <dl class="facts">
                  {facts(state.snapshot).map(([name, value]) => (
                    <Fragment key={name}>
                      <dt>{name}</dt>
                      <dd>{value}</dd>
                    </Fragment>
                  ))}
                </dl>
                {namedLists(state.snapshot).map((list) => (
                  <div class="table-wrap" key={list.title}>
                    <table>
                      <caption>{list.title}</caption>
                      <thead>
                        <tr>
                          <th scope="col">Name</th>
                          <th scope="col">Type</th>
                          <th scope="col">Description</th>
                          <th scope="col">Tags</th>
                          <th scope="col">Constraint</th>
                        </tr>
                      </thead>
                      <tbody>
                        {list.items.map((item) => (
                          <tr key={item.name}>
                            <th scope="row">{item.name}</th>
                            <td>{item.type}</td>
                            <td>{item.description}</td>
                            <td>{item.tags}</td>
                            <td>{item.constraint}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                ))}
                <details class="raw">
                  <summary>Raw JSON</summary>
                  <pre>{JSON.stringify(state.snapshot, null, 2)}</pre>
                </details>
              </>
            );
          }}
        </Loaded>
      )}
    </>
  );
}
