import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { Language } from './format';
import { MESSAGES, type Messages } from './messages';

interface I18n {
  language: Language;
  t: Messages;
  setLanguage(language: Language): void;
}

const STORAGE_KEY = 'metrology.language';

const I18nContext = createContext<I18n>({ language: 'vi', t: MESSAGES.vi, setLanguage: () => undefined });

function storedLanguage(): Language {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

/** Vietnamese by default; the choice of English is remembered in this browser. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(storedLanguage);
  const setLanguage = useCallback((next: Language) => {
    setLanguageState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Storage may be disabled (private mode): the choice then lasts for this page only.
    }
  }, []);
  useEffect(() => {
    document.documentElement.lang = language;
    document.title = `${MESSAGES[language].appTitle} — ${MESSAGES[language].appSubtitle}`;
  }, [language]);
  const value = useMemo(() => ({ language, t: MESSAGES[language], setLanguage }), [language, setLanguage]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}
