import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import enBase from './en.json';
import enOffline from './en/offline.json';
import itBase from './it.json';
import itOffline from './it/offline.json';

export const LANGUAGES = ['it', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'siso.lang';

function initialLanguage(): Language {
  try {
    const saved = window.localStorage.getItem(STORAGE_KEY);
    if (saved === 'it' || saved === 'en') return saved;
  } catch {
    // storage unavailable: Italian
  }
  return 'it';
}

// The sign-in page's bundle carries only the common strings and the offline queue's (shown in the
// header); every other area adds its own when its screens load (src/i18n/area.ts).
export const resources = {
  it: { translation: { ...itBase, offline: itOffline } },
  en: { translation: { ...enBase, offline: enOffline } },
};

void i18n.use(initReactI18next).init({
  resources,
  lng: initialLanguage(),
  fallbackLng: 'it',
  interpolation: { escapeValue: false },
  returnNull: false,
});

i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
  try {
    window.localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // ignore
  }
});
document.documentElement.lang = i18n.language;

export default i18n;
