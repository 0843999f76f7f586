import { useEffect, useState } from 'preact/hooks';

export type LiveState = 'idle' | 'connecting' | 'connected' | 'disconnected';

type Listener = (state: LiveState) => void;

/// The state of the shared live connection, for the status badges (resuming is graphql-ws's
/// own retry with the payload's `after:` kept current).
class LiveConnection {
  private state: LiveState = 'idle';
  private readonly listeners = new Set<Listener>();

  get current() {
    return this.state;
  }

  set(state: LiveState) {
    this.state = state;
    this.listeners.forEach((listener) => listener(state));
  }

  listen(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

export const liveConnection = new LiveConnection();

export function useLiveState(): LiveState {
  const [state, setState] = useState(liveConnection.current);
  useEffect(() => liveConnection.listen((next) => setState(next)), []);
  return state;
}
