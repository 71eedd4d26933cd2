import i18n from './index';

/**
 * Adds the catalogue of one area of the app (it/<area>.json, en/<area>.json) to both languages,
 * under the key `<area>`. The areas' modules do it when they are first imported (src/i18n/areas),
 * so each area's strings travel with its screens instead of with the sign-in page.
 */
export function addArea(name: string, it: object, en: object): void {
  i18n.addResourceBundle('it', 'translation', { [name]: it }, true, true);
  i18n.addResourceBundle('en', 'translation', { [name]: en }, true, true);
}
