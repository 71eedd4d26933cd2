import 'i18next';
import type { it } from './catalog';

// Typed keys: t('…') only accepts keys of the Italian catalogue.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof it };
    returnNull: false;
  }
}
