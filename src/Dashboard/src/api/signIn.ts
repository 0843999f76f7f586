import { access } from './access';

/// Signing in with an OpenID Connect issuer as a public client: the authorization code flow
/// with PKCE (RFC 7636), the way a single-page app must. Nothing secret is in the app; the
/// server's /dashboard/config.json names the issuers and the client id to use.
export type Issuer = { authority: string; clientId: string; scope: string };

const pendingKey = 'historygraph.sign-in';

type Pending = { state: string; verifier: string; authority: string; clientId: string; returnTo: string };

function randomText(bytes: number): string {
  const values = crypto.getRandomValues(new Uint8Array(bytes));
  return base64Url(values);
}

function base64Url(bytes: Uint8Array): string {
  let text = '';
  bytes.forEach((b) => (text += String.fromCharCode(b)));
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

async function discovery(authority: string): Promise<{ authorization_endpoint: string; token_endpoint: string }> {
  const response = await fetch(`${authority}/.well-known/openid-configuration`);
  if (!response.ok) throw new Error(`The issuer's discovery document answered ${response.status}.`);
  return response.json();
}

/// Where the issuer sends the person back: the dashboard's own address.
function redirectUri(): string {
  return `${location.origin}/`;
}

export async function loadIssuers(): Promise<Issuer[]> {
  const response = await fetch('/dashboard/config.json');
  if (!response.ok) return [];
  const config = (await response.json()) as { issuers?: Issuer[] };
  return config.issuers ?? [];
}

/// Sends the person to the issuer to sign in; they come back to completeSignIn.
export async function signIn(issuer: Issuer): Promise<void> {
  const { authorization_endpoint } = await discovery(issuer.authority);
  const verifier = randomText(48);
  const challenge = base64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  const pending: Pending = { state: randomText(24), verifier, authority: issuer.authority, clientId: issuer.clientId, returnTo: location.pathname + location.search };
  sessionStorage.setItem(pendingKey, JSON.stringify(pending));
  const url = new URL(authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: issuer.clientId,
    redirect_uri: redirectUri(),
    scope: issuer.scope,
    state: pending.state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString();
  location.assign(url.toString());
}

/// When the issuer sent the person back with a code: exchanges it for a token, keeps the
/// token for this tab's session and returns to the page they started from. Null when this is
/// not such a return; a message when the sign-in failed.
export async function completeSignIn(): Promise<string | null> {
  const params = new URLSearchParams(location.search);
  const code = params.get('code');
  const state = params.get('state');
  const error = params.get('error');
  const stored = sessionStorage.getItem(pendingKey);
  if ((!code && !error) || !stored) return null;
  sessionStorage.removeItem(pendingKey);
  const pending = JSON.parse(stored) as Pending;
  history.replaceState(null, '', pending.returnTo || '/');
  if (error) return `The issuer did not sign you in: ${params.get('error_description') ?? error}.`;
  if (state !== pending.state) return 'The sign-in answer did not match the request that started it; sign in again.';
  try {
    const { token_endpoint } = await discovery(pending.authority);
    const response = await fetch(token_endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code: code!, redirect_uri: redirectUri(), client_id: pending.clientId, code_verifier: pending.verifier }),
    });
    const answer = (await response.json()) as { access_token?: string; error?: string; error_description?: string };
    if (!response.ok || !answer.access_token) return `The issuer refused the sign-in: ${answer.error_description ?? answer.error ?? response.status}.`;
    access.use(answer.access_token);
    return null;
  } catch (failure) {
    return `The issuer could not be reached: ${failure instanceof Error ? failure.message : String(failure)}.`;
  }
}
