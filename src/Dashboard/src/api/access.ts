import { useEffect, useState } from 'preact/hooks';
import { credential, setCredential } from './credential';

type State = { needed: boolean; reason?: string };
type Listener = (state: State) => void;

/// Whether the server asked for a key or a sign-in; the shell then shows the sign-in form
/// instead of the page.
class Access {
  private state: State = { needed: false };
  private readonly listeners = new Set<Listener>();

  get current() {
    return this.state;
  }

  signInNeeded(reason: string) {
    // The first reason stays: a failed sign-in is followed by the refusals it causes.
    if (this.state.needed) return;
    this.state = { needed: true, reason: credential() ? `The key or token was refused: ${reason}` : reason };
    this.listeners.forEach((listener) => listener(this.state));
  }

  /// Presents a new credential (or none): the page starts again with it, so that nothing
  /// read with the previous one (cached answers, live connections) stays on screen.
  use(value: string | null) {
    setCredential(value);
    location.reload();
  }

  listen(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

export const access = new Access();

export function useAccess(): State {
  const [state, setState] = useState(access.current);
  useEffect(() => access.listen(setState), []);
  return state;
}

