import { options, render } from 'preact';
import { Provider } from '@urql/preact';
import { Route, Switch } from 'wouter-preact';
import { client } from './api/client';
import { access, useAccess } from './api/access';
import { completeSignIn } from './api/signIn';
import { useData } from './api/useData';
import { Layout } from './components/Layout';
import { SignIn } from './components/SignIn';
import { lazyPage } from './lazy';
import { Overview } from './pages/Overview';
import { ViewerContext, ViewerQuery, unknownViewer } from './viewer';
import './styles.css';

const LiveFeed = lazyPage(() => import('./pages/LiveFeed'), 'the live feed');
const Assets = lazyPage(() => import('./pages/Assets'), 'assets');
const People = lazyPage(() => import('./pages/People'), 'people');
const AuditLog = lazyPage(() => import('./pages/AuditLog'), 'the audit log');
const Deletions = lazyPage(() => import('./pages/Deletions'), 'deletions');
const BreakingChanges = lazyPage(() => import('./pages/BreakingChanges'), 'breaking changes');

// Effects start the pages' requests (urql subscribes in one): they run as soon as a render is
// done instead of after the browser has painted it, so that the requests travel while it paints.
options.requestAnimationFrame = (callback) => setTimeout(callback);

// The page the address names is downloaded at once, beside the app's first questions, not
// after the app has rendered and found it missing.
({ '/live': LiveFeed, '/assets': Assets, '/people': People, '/audit': AuditLog, '/deletions': Deletions, '/breaking': BreakingChanges })[location.pathname]?.preload();

function App() {
  const state = useAccess();
  const viewer = useData(ViewerQuery, {});
  if (state.needed) return <SignIn reason={state.reason} />;
  return (
    <ViewerContext.Provider value={viewer.data ? { ...viewer.data.viewer, known: true } : unknownViewer}>
      <Layout>
        <Switch>
          <Route path="/">
            <Overview />
          </Route>
          <Route path="/live">
            <LiveFeed />
          </Route>
          <Route path="/assets">
            <Assets />
          </Route>
          <Route path="/people">
            <People />
          </Route>
          <Route path="/audit">
            <AuditLog />
          </Route>
          <Route path="/deletions">
            <Deletions />
          </Route>
          <Route path="/breaking">
            <BreakingChanges />
          </Route>
          <Route>
            <h1>Not found</h1>
            <p>This dashboard has no such page: choose one above.</p>
          </Route>
        </Switch>
      </Layout>
    </ViewerContext.Provider>
  );
}

// A return from the issuer's sign-in page is finished before anything is asked.
completeSignIn().then((failure) => {
  if (failure) access.signInNeeded(failure);
  render(
    <Provider value={client}>
      <App />
    </Provider>,
    document.getElementById('app')!,
  );
});
