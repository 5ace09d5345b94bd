import { matchRoutes, type RouteObject } from 'react-router';
import type { QueryClient } from '@tanstack/react-query';
import { meQuery } from '../auth/session';
import { preloadableOf } from '../modules/lazy';
import type { RouteHandle } from '../modules/types';

/**
 * Runs once, before the first render: the session check, the page's code and the page's first data
 * are asked for together, instead of one after the other (the shell waits for the session before it
 * renders the page, the page's chunk loads when it first renders, and the page asks for its data
 * when it mounts — three round-trips in a row). The shell and the page then find the answers
 * already arriving in the query cache under their own keys; nothing is shown earlier than before,
 * nor to anyone who could not see it: the shell still decides (sign-in, permission) what to show.
 */
export function prefetchForStart(queryClient: QueryClient, routes: RouteObject[], location: Pick<Location, 'pathname' | 'search'>): void {
  void queryClient.prefetchQuery(meQuery);
  const matches = matchRoutes(routes, location.pathname) ?? [];
  const search = new URLSearchParams(location.search);
  for (const { route, params } of matches) {
    void preloadableOf(route.element)?.preload().catch(() => undefined); // a failure shows when the page renders
    (route.handle as RouteHandle | undefined)?.prefetch?.({ queryClient, params, search });
  }
}
