import type { ComponentChildren } from 'preact';
import { Link, useLocation } from 'wouter-preact';
import { access } from '../api/access';
import { credential } from '../api/credential';
import { useLiveState } from '../api/liveConnection';
import { useParams } from '../url';
import { useViewer } from '../viewer';
import { AsOfBanner, AsOfControl } from './AsOf';

const pages = [
  { path: '/', label: 'Overview' },
  { path: '/live', label: 'Live feed' },
  { path: '/assets', label: 'Assets' },
  { path: '/people', label: 'People' },
  { path: '/audit', label: 'Audit log' },
  { path: '/deletions', label: 'Deletions' },
  { path: '/breaking', label: 'Breaking changes' },
];

const liveLabels = { idle: 'Live: not connected', connecting: 'Live: connecting…', connected: 'Live: connected', disconnected: 'Live: reconnecting…' };

export function Layout({ children }: { children: ComponentChildren }) {
  const [location] = useLocation();
  const [, , link] = useParams();
  const viewer = useViewer();
  const live = useLiveState();
  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="top">
        <div class="brand">
          <img src="/favicon.svg" alt="" width="24" height="24" />
          <span>HistoryGraph</span>
        </div>
        <nav aria-label="Pages">
          <ul>
            {pages.map((page) => (
              <li key={page.path}>
                <Link href={link(page.path)} aria-current={location === page.path ? 'page' : undefined}>
                  {page.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div class="tools">
          <AsOfControl />
          <span class={`live-state ${live}`} role="status">
            {liveLabels[live]}
          </span>
          {viewer.known && (
            <span class="viewer">
              {viewer.anonymous ? 'Not signed in' : viewer.name} · {viewer.admin ? 'admin' : viewer.roles.includes('READER') ? 'reader' : 'no role'}
            </span>
          )}
          {credential() && (
            <button type="button" onClick={() => access.use(null)}>
              Sign out
            </button>
          )}
          <a href="/graphql/">GraphQL IDE</a>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <AsOfBanner />
        {children}
      </main>
    </>
  );
}
