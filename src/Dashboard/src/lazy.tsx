import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Failure, Loading } from './components/Status';

export type LazyPage = ComponentType & { preload: () => void };

/// A page loaded when first opened, so that the first view downloads only what it shows;
/// `preload` starts the download before the page is rendered (the address already names it).
export function lazyPage(load: () => Promise<{ default: ComponentType }>, what: string): LazyPage {
  let loaded: ComponentType | null = null;
  let loading: Promise<void> | null = null;
  const start = () =>
    (loading ??= load().then((module) => {
      loaded = module.default;
    }));
  function LazyPage() {
    const [Page, setPage] = useState<ComponentType | null>(() => loaded);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (!loaded)
        start().then(
          () => setPage(() => loaded),
          () => {
            // A new deployment replaced the file, or the network dropped: the next try loads again.
            loading = null;
            setFailed(true);
          },
        );
    }, []);
    if (failed) return <Failure problem={{ message: `The page for ${what} could not be downloaded: reload to try again.` }} />;
    return Page ? <Page /> : <Loading what={what} />;
  }
  return Object.assign(LazyPage, { preload: () => void start().catch(() => undefined) });
}
