import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api, isApiError, setCsrfToken } from '../api/client';
import type { Me } from '../api/types';
import i18n, { isLocale, storeLocale, type Locale } from '../i18n';

export const ME_KEY = ['auth', 'me'] as const;

/** GET /api/auth/me; `null` when nobody is signed in (401 is an answer here, not an error). */
export async function fetchMe(): Promise<Me | null> {
  try {
    const me = await api.get<Me>('/api/auth/me', undefined, { allow401: true });
    setCsrfToken(me.csrfToken);
    return me;
  } catch (e) {
    if (isApiError(e) && e.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw e;
  }
}

let localeAppliedFor: string | null = null;
/** The account's language wins once per sign-in; afterwards the header switch decides. */
export function adoptAccountLocale(me: Me): void {
  if (localeAppliedFor === me.id) return;
  localeAppliedFor = me.id;
  if (isLocale(me.locale) && me.locale !== i18n.language) {
    storeLocale(me.locale);
    void i18n.changeLanguage(me.locale);
  }
}

/** The session check, shared by `useMe` and the start-up prefetch (app/prefetch.ts), so both are one request. */
export const meQuery = {
  queryKey: ME_KEY,
  queryFn: async (): Promise<Me | null> => {
    const me = await fetchMe();
    if (me) adoptAccountLocale(me);
    return me;
  },
  staleTime: 5 * 60_000,
  retry: (count: number, e: unknown) => !(isApiError(e) && e.status < 500) && count < 2,
};

export function useMe() {
  return useQuery(meQuery);
}

/** The signed-in user; only for components rendered inside the authenticated shell. */
export function useCurrentUser(): Me {
  const { data } = useMe();
  if (!data) throw new Error('useCurrentUser outside the authenticated shell');
  return data;
}

export function hasPermission(me: Me | null | undefined, permission: string | undefined): boolean {
  if (!permission) return true;
  return !!me?.permissions.includes(permission);
}

/** `can('enterprise.update')` for the signed-in user. */
export function useCan(): (permission: string | undefined) => boolean {
  const { data } = useMe();
  return useCallback((permission: string | undefined) => hasPermission(data, permission), [data]);
}

let chosenBeforeLogin: Locale | null = null;
/** The language picked on the login page; it wins over the account's at sign-in and is saved. */
export function chooseLocaleBeforeLogin(locale: Locale): void {
  chosenBeforeLogin = locale;
}

export async function login(qc: QueryClient, username: string, password: string): Promise<Me> {
  const me = await api.post<Me>('/api/auth/login', { username, password }, { allow401: true });
  setCsrfToken(me.csrfToken);
  qc.clear();
  localeAppliedFor = null;
  if (chosenBeforeLogin && chosenBeforeLogin !== me.locale) {
    localeAppliedFor = me.id;
    const locale = chosenBeforeLogin;
    me.locale = locale;
    void api.put('/api/auth/me/locale', { locale }).catch(() => undefined);
  }
  chosenBeforeLogin = null;
  adoptAccountLocale(me);
  qc.setQueryData(ME_KEY, me);
  return me;
}

export function useLogout(): () => Promise<void> {
  const qc = useQueryClient();
  return useCallback(async () => {
    try {
      await api.post('/api/auth/logout', undefined, { allow401: true });
    } finally {
      setCsrfToken(null);
      localeAppliedFor = null;
      qc.clear();
      qc.setQueryData(ME_KEY, null);
    }
  }, [qc]);
}
