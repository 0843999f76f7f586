import { useEffect, useState } from 'preact/hooks';

export type LiveState = 'idle' | 'connecting' | 'connected' | 'disconnected';

type Listener = (state: LiveState, reconnected: boolean) => void;

/// The state of the shared live connection, for the status badge and for resuming.
class LiveConnection {
  private state: LiveState = 'idle';
  private wasConnected = false;
  private readonly listeners = new Set<Listener>();

  get current() {
    return this.state;
  }

  set(state: LiveState) {
    const reconnected = state === 'connected' && this.wasConnected;
    if (state === 'connected') this.wasConnected = true;
    this.state = state;
    this.listeners.forEach((listener) => listener(state, reconnected));
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
