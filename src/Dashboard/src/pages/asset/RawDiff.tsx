import { useEffect, useState } from 'preact/hooks';
import { Loading } from '../../components/Status';
import 'jsondiffpatch/formatters/styles/html.css';

// The fields that change with every version and say nothing about the asset.
const volatile = new Set(['version', 'updatedAt', 'updatedBy', 'href', 'changeDescription', 'incrementalChangeDescription']);

function withoutVolatile(snapshot: unknown): unknown {
  if (!snapshot || typeof snapshot !== 'object' || Array.isArray(snapshot)) return snapshot;
  return Object.fromEntries(Object.entries(snapshot as Record<string, unknown>).filter(([key]) => !volatile.has(key)));
}

/// The two snapshots' JSON with what differs marked (jsondiffpatch, loaded only when shown).
/// List items are matched by name, as the server's diff matches them; moves are not drawn
/// (their arrows need inline styles, which the page's Content-Security-Policy forbids).
export function RawDiff({ before, after }: { before: unknown; after: unknown }) {
  const [html, setHtml] = useState<string | null>(null);
  const [showAll, setShowAll] = useState(false);
  useEffect(() => {
    let cancelled = false;
    Promise.all([import('jsondiffpatch'), import('jsondiffpatch/formatters/html')]).then(([jsondiffpatch, formatter]) => {
      const differ = jsondiffpatch.create({
        objectHash: (item: object, index?: number) => {
          const named = item as { name?: string; fullyQualifiedName?: string; id?: string };
          return named.fullyQualifiedName ?? named.name ?? named.id ?? `#${index}`;
        },
        arrays: { detectMove: false },
      });
      const left = withoutVolatile(before);
      const delta = differ.diff(left, withoutVolatile(after));
      if (!cancelled) setHtml(delta ? (formatter.format(delta, left) ?? '') : '');
    });
    return () => {
      cancelled = true;
    };
  }, [before, after]);
  if (html === null) return <Loading what="the JSON diff" />;
  if (html === '') return <p>The two snapshots are the same (leaving out version, update time and author).</p>;
  return (
    <>
      <label class="check">
        <input type="checkbox" checked={showAll} onChange={(e) => setShowAll((e.target as HTMLInputElement).checked)} />
        Show unchanged fields
      </label>
      <div class={`raw-diff ${showAll ? '' : 'jsondiffpatch-unchanged-hidden'}`} dangerouslySetInnerHTML={{ __html: html }} />
    </>
  );
}
