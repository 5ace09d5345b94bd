import { lazy, type ComponentProps, type ComponentType, type LazyExoticComponent } from 'react';

/** A page or tab loaded on first use, whose chunk can also be asked for ahead (`preload`). */
export type LazyComponent<P> = LazyExoticComponent<ComponentType<P>> & { preload: () => Promise<unknown> };

/**
 * `lazyNamed(() => import('./DashboardPage'), 'DashboardPage')`: the named export of a module that
 * Vite puts in a chunk of its own, fetched the first time the component renders — or earlier, when
 * the start-up prefetch (app/prefetch.ts) sees that the address the app opens on is this page's
 * route and calls `preload`, so the chunk downloads while the session is being checked.
 */
// any props: the named export decides them (ComponentProps below)
export function lazyNamed<M extends Record<K, ComponentType<any>>, K extends keyof M & string>(
  load: () => Promise<M>,
  name: K,
): LazyComponent<ComponentProps<M[K]>> {
  type P = ComponentProps<M[K]>;
  let pending: Promise<{ default: ComponentType<P> }> | null = null;
  const get = () => (pending ??= load().then((m) => ({ default: m[name] as ComponentType<P> })).catch((e: unknown) => {
    pending = null; // a failed download may be retried (the next render, the next navigation)
    throw e;
  }));
  return Object.assign(lazy(get), { preload: get });
}

/** Whether a route's element is a lazily loaded component that can be fetched ahead. */
export function preloadableOf(element: unknown): LazyComponent<unknown> | null {
  const type = (element as { type?: { preload?: unknown } } | null)?.type;
  return type && typeof type.preload === 'function' ? (type as LazyComponent<unknown>) : null;
}
