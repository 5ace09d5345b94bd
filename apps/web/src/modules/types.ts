import type { ReactNode } from 'react';
import type { QueryClient } from '@tanstack/react-query';
import type { Params, RouteObject } from 'react-router';
import type { Me } from '../api/types';
import type { Locale } from '../i18n';

/** A side-menu entry. Labels are i18n keys ("core:menu.enterprises"). */
export interface MenuEntry {
  key: string;
  label: string;
  icon?: ReactNode;
  /** Target path, or a function of the user (e.g. "my enterprise"). Groups have none. */
  path?: string | ((me: Me) => string);
  /** Shown only to users holding this permission. */
  permission?: string;
  /** Extra condition beyond the permission (e.g. only for users bound to an enterprise). */
  visible?: (me: Me) => boolean;
  /** Position among siblings, ascending; modules leave gaps (10, 20…) so others can slot in. */
  order?: number;
  children?: MenuEntry[];
}

/** A tab a module adds to the enterprise file (一企一档). */
export interface EnterpriseFileTab {
  key: string;
  /** i18n key */
  label: string;
  permission?: string;
  order?: number;
  render: (enterpriseId: string) => ReactNode;
}

/** A tab a module adds to the park file (一园一档), below the park's figures. */
export interface ParkFileTab {
  key: string;
  /** i18n key */
  label: string;
  permission?: string;
  order?: number;
  render: (parkId: string) => ReactNode;
}

/** What a route's `prefetch` gets: the app's query cache and the address being opened. */
export interface RoutePrefetchContext {
  queryClient: QueryClient;
  params: Params<string>;
  search: URLSearchParams;
}

/** Route metadata read by the shell: a route with `permission` shows the 403 page to others. */
export interface RouteHandle {
  permission?: string;
  /**
   * Asks for the page's first data when the app starts on this route, at the same time as the
   * session check instead of after it (app/prefetch.ts). It must put the answer under the same
   * query key the page reads (`queryClient.prefetchQuery`), and ask only for what the first screen
   * shows. A user without the permission gets a 403 here that nobody sees: the page is not shown.
   */
  prefetch?: (ctx: RoutePrefetchContext) => void;
}

export interface ModuleManifest {
  /** Also the i18n namespace of the module's own words. */
  id: string;
  order?: number;
  messages?: Partial<Record<Locale, object>>;
  /** Pages inside the signed-in shell. Use `handle: { permission }` to gate a page. */
  routes: RouteObject[];
  /** Pages outside the shell (the login page). */
  publicRoutes?: RouteObject[];
  menu: MenuEntry[];
  enterpriseFileTabs?: EnterpriseFileTab[];
  parkFileTabs?: ParkFileTab[];
  /** Where this module would send a user right after sign-in, if it has an opinion. */
  home?: (me: Me) => string | null;
}
