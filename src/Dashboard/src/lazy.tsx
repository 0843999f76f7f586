import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Loading } from './components/Status';

/// A page loaded when first opened, so that the first view downloads only what it shows.
export function lazyPage(load: () => Promise<{ default: ComponentType }>, what: string): ComponentType {
  let loaded: ComponentType | null = null;
  return function LazyPage() {
    const [Page, setPage] = useState<ComponentType | null>(() => loaded);
    useEffect(() => {
      if (!loaded) load().then((module) => setPage(() => (loaded = module.default)));
    }, []);
    return Page ? <Page /> : <Loading what={what} />;
  };
}
