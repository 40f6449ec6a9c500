// English and Turkish through svelte-i18n (ICU messages, plurals). Both dictionaries are bundled: they are small, and
// the first paint then never waits for a translation file. The choice is remembered per browser.
import { addMessages, init, locale } from 'svelte-i18n';
import { en } from './en';
import { tr } from './tr';

export const LOCALES = ['en', 'tr'] as const;
export type Locale = (typeof LOCALES)[number];
const KEY = 'deskgraph.locale';

export const localeNames: Record<Locale, string> = { en: 'English', tr: 'Türkçe' };

function isLocale(value: string | null | undefined): value is Locale {
  return !!value && (LOCALES as readonly string[]).includes(value);
}

/** The saved choice, else the browser's language if we have it, else English. */
export function initialLocale(): Locale {
  let saved: string | null = null;
  try {
    saved = localStorage.getItem(KEY);
  } catch {
    // Storage can be off (private mode): fall through to the browser's language.
  }
  if (isLocale(saved)) return saved;
  const browser = (typeof navigator !== 'undefined' ? navigator.language : 'en').slice(0, 2).toLowerCase();
  return isLocale(browser) ? browser : 'en';
}

export function setupI18n(start: Locale = initialLocale()) {
  addMessages('en', en);
  addMessages('tr', tr);
  init({ fallbackLocale: 'en', initialLocale: start });
  document.documentElement.lang = start;
}

export function chooseLocale(next: Locale) {
  try {
    localStorage.setItem(KEY, next);
  } catch {
    // Not remembered; still switched for this visit.
  }
  document.documentElement.lang = next;
  void locale.set(next);
}

/**
 * The locale for dates and numbers: the browser's own variant when it speaks the chosen language (en-GB writes
 * dates differently from en-US), else the chosen language itself.
 */
export function formattingLocale(ui: string | null | undefined): string {
  const chosen = ui ?? 'en';
  const browser = typeof navigator !== 'undefined' ? navigator.language : chosen;
  return browser.toLowerCase().startsWith(chosen.toLowerCase()) ? browser : chosen;
}
