import type { RouteObject } from 'react-router';
import type { Me } from '../api/types';
import { addMessages } from '../i18n';
import type { EnterpriseFileTab, MenuEntry, ModuleManifest, ParkFileTab } from './types';

export type { EnterpriseFileTab, MenuEntry, ModuleManifest, ParkFileTab, RouteHandle } from './types';

/**
 * The modules of the web app. Every folder here with a `manifest.tsx` exporting `manifest` is a
 * module; it is picked up at build time, so adding a module touches no other module's files
 * (nor this one).
 */
const found = import.meta.glob<ModuleManifest>('./*/manifest.tsx', { eager: true, import: 'manifest' });

export const modules: readonly ModuleManifest[] = Object.values(found).sort(
  (a, b) => (a.order ?? 100) - (b.order ?? 100) || a.id.localeCompare(b.id),
);

for (const m of modules) if (m.messages) addMessages(m.id, m.messages);

export function appRoutes(): RouteObject[] {
  return modules.flatMap((m) => m.routes);
}

export function publicRoutes(): RouteObject[] {
  return modules.flatMap((m) => m.publicRoutes ?? []);
}

function allowed(entry: MenuEntry, me: Me): boolean {
  if (entry.permission && !me.permissions.includes(entry.permission)) return false;
  return entry.visible ? entry.visible(me) : true;
}

export interface ResolvedMenuEntry {
  key: string;
  label: string;
  icon?: MenuEntry['icon'];
  path?: string;
  children?: ResolvedMenuEntry[];
}

/**
 * The menu for this user: every module's entries, filtered by permission, with groups that end
 * up empty dropped, sorted by `order`. Entries with the same key are merged (a module may add
 * children to a group another module declared, e.g. under 系统管理).
 */
export function menuFor(me: Me): ResolvedMenuEntry[] {
  const merged = new Map<string, MenuEntry>();
  for (const m of modules) {
    for (const e of m.menu) {
      const prev = merged.get(e.key);
      merged.set(e.key, prev ? { ...prev, children: [...(prev.children ?? []), ...(e.children ?? [])] } : e);
    }
  }
  const resolve = (entries: MenuEntry[]): ResolvedMenuEntry[] =>
    [...entries]
      .filter((e) => allowed(e, me))
      .sort((a, b) => (a.order ?? 100) - (b.order ?? 100))
      .flatMap((e): ResolvedMenuEntry[] => {
        if (e.children) {
          const children = resolve(e.children);
          return children.length ? [{ key: e.key, label: e.label, icon: e.icon, children }] : [];
        }
        const path = typeof e.path === 'function' ? e.path(me) : e.path;
        return [{ key: e.key, label: e.label, icon: e.icon, path }];
      });
  return resolve([...merged.values()]);
}

/** Tabs other modules add to the enterprise file, in order, for this user. */
export function enterpriseFileTabsFor(me: Me): EnterpriseFileTab[] {
  return modules
    .flatMap((m) => m.enterpriseFileTabs ?? [])
    .filter((t) => !t.permission || me.permissions.includes(t.permission))
    .sort((a, b) => (a.order ?? 100) - (b.order ?? 100));
}

/** Tabs other modules add to the park file, in order, for this user. */
export function parkFileTabsFor(me: Me): ParkFileTab[] {
  return modules
    .flatMap((m) => m.parkFileTabs ?? [])
    .filter((t) => !t.permission || me.permissions.includes(t.permission))
    .sort((a, b) => (a.order ?? 100) - (b.order ?? 100));
}

/** The first module with an opinion decides; else the first menu entry; else the welcome page. */
export function homeFor(me: Me): string {
  for (const m of modules) {
    const h = m.home?.(me);
    if (h) return h;
  }
  const first = (function firstPath(items: ResolvedMenuEntry[]): string | undefined {
    for (const i of items) {
      if (i.path) return i.path;
      const c = i.children ? firstPath(i.children) : undefined;
      if (c) return c;
    }
    return undefined;
  })(menuFor(me));
  return first ?? '/welcome';
}
