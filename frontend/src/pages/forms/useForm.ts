import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GraphQLErrorLike } from '../../api/client';
import { fieldErrors } from '../../api/useMutation';
import type { Problem } from './validation';
import '../../i18n/areas/forms';

/**
 * The values of a form and its errors by input field name (the server's `extensions.field`, e.g.
 * `residence.postcode`): client-side problems found on submit and the server's BAD_USER_INPUT
 * errors. Changing a value clears the error shown at it.
 */
export function useForm<V extends Record<string, unknown>>(initial: V) {
  const { t } = useTranslation();
  const [values, setValues] = useState<V>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const set = useCallback(<K extends keyof V>(key: K, value: V[K], ...alsoClear: string[]) => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors((e) => {
      const keys = [String(key), ...alsoClear];
      if (!keys.some((k) => k in e)) return e;
      const next = { ...e };
      for (const k of keys) delete next[k];
      return next;
    });
  }, []);

  /** Shows client-side problems ({field: problem}); returns whether there were none. */
  const check = useCallback(
    (problems: Record<string, Problem | { message: string } | null | undefined>): boolean => {
      const out: Record<string, string> = {};
      for (const [field, p] of Object.entries(problems)) {
        if (p) out[field] = typeof p === 'string' ? t(`forms.validation.${p}`) : p.message;
      }
      setErrors(out);
      return Object.keys(out).length === 0;
    },
    [t],
  );

  /** Shows the server's field errors at their inputs. */
  const fromServer = useCallback((serverErrors: readonly GraphQLErrorLike[]) => {
    setErrors(fieldErrors(serverErrors));
  }, []);

  const error = useCallback((field: string): string | undefined => errors[field], [errors]);

  return { values, setValues, set, errors, error, check, fromServer };
}
