import enBase from './en.json';
import enAdmin from './en/admin.json';
import enCasework from './en/casework.json';
import enForms from './en/forms.json';
import enMonitoring from './en/monitoring.json';
import enOffline from './en/offline.json';
import itBase from './it.json';
import itAdmin from './it/admin.json';
import itCasework from './it/casework.json';
import itForms from './it/forms.json';
import itMonitoring from './it/monitoring.json';
import itOffline from './it/offline.json';

// One catalogue per language, assembled from one file per area of the app (it/<area>.json is
// reached as t('<area>.…')), so that screens of different areas do not edit the same file.
export const it = {
  ...itBase,
  forms: itForms,
  casework: itCasework,
  monitoring: itMonitoring,
  admin: itAdmin,
  offline: itOffline,
};
export const en = {
  ...enBase,
  forms: enForms,
  casework: enCasework,
  monitoring: enMonitoring,
  admin: enAdmin,
  offline: enOffline,
};
