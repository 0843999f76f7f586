import { Link } from 'wouter-preact';
import { useParams } from '../url';

/// Links to an asset's and a person's page, keeping the catalog-wide "as of".
export function AssetLink({ fqn, entityId }: { fqn?: string | null; entityId?: string }) {
  const [, , link] = useParams();
  if (!fqn) return <span class="muted">{entityId ? `(no name) ${entityId}` : '(no name)'}</span>;
  return (
    <Link class="fqn" href={link('/assets', { fqn })}>
      {fqn}
    </Link>
  );
}

export function PersonLink({ name }: { name?: string | null }) {
  const [, , link] = useParams();
  if (!name) return <span class="muted">(unknown)</span>;
  return <Link href={link('/people', { name })}>{name}</Link>;
}
