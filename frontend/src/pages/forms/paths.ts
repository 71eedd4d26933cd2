// The URLs of the citizen-side forms (registered in App.tsx). A codice fiscale typed elsewhere is
// handed over in the navigation state, never in the URL (history, server logs).
export const formPaths = {
  newCitizen: '/cittadini/nuovo',
  editCitizen: (id: string) => `/cittadini/${encodeURIComponent(id)}/modifica`,
  newAccess: (id: string) => `/cittadini/${encodeURIComponent(id)}/accessi/nuovo`,
  newRelation: (id: string) => `/cittadini/${encodeURIComponent(id)}/relazioni/nuova`,
  newReferral: (id: string) => `/cittadini/${encodeURIComponent(id)}/invii/nuovo`,
  openCase: (id: string) => `/cittadini/${encodeURIComponent(id)}/casi/nuovo`,
  referral: (id: string) => `/invii/${encodeURIComponent(id)}`,
};

/** What a link to a form may hand over. */
export interface FormNavState {
  fiscalCode?: string;
  name?: string;
}

export function navState(value: unknown): FormNavState {
  if (!value || typeof value !== 'object') return {};
  const v = value as Record<string, unknown>;
  return {
    fiscalCode: typeof v.fiscalCode === 'string' ? v.fiscalCode : undefined,
    name: typeof v.name === 'string' ? v.name : undefined,
  };
}
