import { useEffect, useState } from 'preact/hooks';
import { access } from '../api/access';
import { loadIssuers, signIn, type Issuer } from '../api/signIn';

/// Asks for a key, or to sign in with an issuer the server names. The key or token is kept
/// for this tab's session only; nothing secret is in the dashboard itself.
export function SignIn({ reason }: { reason?: string }) {
  const [key, setKey] = useState('');
  const [issuers, setIssuers] = useState<Issuer[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    loadIssuers().then(setIssuers, () => setIssuers([]));
  }, []);
  return (
    <main id="main" class="sign-in">
      <h1>HistoryGraph</h1>
      <p>{reason ?? 'This history needs a key or a sign-in to be read.'}</p>
      {issuers.map((issuer) => (
        <p key={issuer.authority}>
          <button type="button" class="primary" onClick={() => signIn(issuer).catch((e) => setFailure(e instanceof Error ? e.message : String(e)))}>
            Sign in with {new URL(issuer.authority).host}
          </button>
        </p>
      ))}
      {failure && (
        <p role="alert" class="failure">
          {failure}
        </p>
      )}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (key.trim()) access.use(key.trim());
        }}
      >
        <label for="api-key">{issuers.length ? 'Or an API key' : 'API key'}</label>
        <input id="api-key" type="password" autoComplete="off" value={key} onInput={(e) => setKey((e.target as HTMLInputElement).value)} required />
        <button type="submit">Use this key</button>
      </form>
      <p class="hint">The key or sign-in is kept only while this tab is open. An admin makes keys with <code>HistoryGraph keys create --role=reader</code>.</p>
    </main>
  );
}
