// The key or token the dashboard presents, kept for this browser tab's session only
// (sessionStorage: gone when the tab closes, never written to disk by the app).
const storageKey = 'historygraph.credential';

type Listener = () => void;
const listeners = new Set<Listener>();

export function credential(): string | null {
  return sessionStorage.getItem(storageKey);
}

export function setCredential(value: string | null) {
  if (value) sessionStorage.setItem(storageKey, value);
  else sessionStorage.removeItem(storageKey);
  listeners.forEach((listener) => listener());
}

export function onCredentialChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function authorizationHeaders(): Record<string, string> {
  const value = credential();
  return value ? { Authorization: `Bearer ${value}` } : {};
}
