import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import 'dayjs/locale/en';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import { setApiLocale, type Locale } from '../api/client';
import zhCN from './zh-CN';
import enUS from './en-US';

export type { Locale };
export const LOCALES: readonly Locale[] = ['zh-CN', 'en-US'];
export const DEFAULT_LOCALE: Locale = 'zh-CN';
const STORAGE_KEY = 'zz.locale';

dayjs.extend(utc);
dayjs.extend(timezone);
/** Times are stored in UTC and always shown in the county's zone, whatever the PC says. */
export const TIME_ZONE = 'Asia/Shanghai';

export function isLocale(v: unknown): v is Locale {
  return v === 'zh-CN' || v === 'en-US';
}

function storedLocale(): Locale {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return isLocale(v) ? v : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

export function storeLocale(locale: Locale): void {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    /* private mode: the choice lasts for this page only */
  }
}

function applySideEffects(locale: Locale): void {
  setApiLocale(locale);
  dayjs.locale(locale === 'zh-CN' ? 'zh-cn' : 'en');
  document.documentElement.lang = locale;
}

const initial = storedLocale();
applySideEffects(initial);

void i18n.use(initReactI18next).init({
  resources: {
    'zh-CN': { common: zhCN },
    'en-US': { common: enUS },
  },
  lng: initial,
  fallbackLng: DEFAULT_LOCALE,
  supportedLngs: LOCALES as Locale[],
  ns: ['common'],
  defaultNS: 'common',
  // Module namespaces fall back to the shared words, so a page needs one `t` for both.
  fallbackNS: 'common',
  interpolation: { escapeValue: false }, // React escapes
});

i18n.on('languageChanged', (lng) => {
  if (isLocale(lng)) applySideEffects(lng);
});

/** A module brings its own words under its own namespace (its id). */
export function addMessages(ns: string, messages: Partial<Record<Locale, object>>): void {
  for (const locale of LOCALES) {
    const bundle = messages[locale];
    if (bundle) i18n.addResourceBundle(locale, ns, bundle, true, true);
  }
}

export function currentLocale(): Locale {
  return isLocale(i18n.language) ? i18n.language : DEFAULT_LOCALE;
}

export default i18n;
