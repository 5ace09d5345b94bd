import { useCallback } from 'react';
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { storeLocale, type Locale } from './index';
import { chooseLocaleBeforeLogin } from '../auth/session';

/**
 * The language switch. The choice is kept in localStorage (for the login page) and, when signed
 * in, on the account (PUT /api/auth/me/locale) so it follows the user to another computer.
 * Server-side texts (reference names, error messages) are fetched again in the new language.
 */
export function useLocale(): { locale: Locale; setLocale: (next: Locale, opts?: { persist?: boolean }) => Promise<void> } {
  const { i18n } = useTranslation();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const locale: Locale = i18n.language === 'en-US' ? 'en-US' : 'zh-CN';

  const setLocale = useCallback(
    async (next: Locale, opts: { persist?: boolean } = {}) => {
      storeLocale(next);
      await i18n.changeLanguage(next);
      if (!opts.persist) chooseLocaleBeforeLogin(next);
      if (opts.persist) {
        try {
          await api.put('/api/auth/me/locale', { locale: next });
        } catch (e) {
          message.error((e as Error).message);
        }
      }
      void qc.invalidateQueries();
    },
    [i18n, qc, message],
  );
  return { locale, setLocale };
}
