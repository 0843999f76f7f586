import { useState } from 'preact/hooks';
import { access } from '../api/access';

/// Asks for a key (kept for this tab's session only). Nothing secret is in the dashboard
/// itself: whoever opens it must bring their own credential.
export function SignIn({ reason }: { reason?: string }) {
  const [key, setKey] = useState('');
  return (
    <main id="main" class="sign-in">
      <h1>HistoryGraph</h1>
      <p>{reason ?? 'This history needs a key to be read.'}</p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (key.trim()) access.use(key.trim());
        }}
      >
        <label for="api-key">API key</label>
        <input id="api-key" type="password" autoComplete="off" value={key} onInput={(e) => setKey((e.target as HTMLInputElement).value)} required />
        <button type="submit">Use this key</button>
      </form>
      <p class="hint">The key is kept only while this tab is open. An admin makes keys with <code>HistoryGraph keys create --role=reader</code>.</p>
    </main>
  );
}
