import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import '../../i18n/areas/monitoring';

/**
 * Forward cursor paging with a way back: the cursors of the pages already seen are kept, so
 * "previous" returns to the exact page it came from.
 */
export function useCursorPages(resetKey: string) {
  const [state, setState] = useState<{ key: string; stack: (string | null)[] }>({ key: resetKey, stack: [null] });
  const stack = state.key === resetKey ? state.stack : [null];
  const after = stack[stack.length - 1] ?? null;
  return {
    after,
    page: stack.length,
    next: (cursor: string) => setState({ key: resetKey, stack: [...stack, cursor] }),
    previous: () => setState({ key: resetKey, stack: stack.slice(0, -1) }),
  };
}

export function Pager({
  page,
  hasNext,
  endCursor,
  onNext,
  onPrevious,
}: {
  page: number;
  hasNext: boolean;
  endCursor: string | null | undefined;
  onNext: (cursor: string) => void;
  onPrevious: () => void;
}) {
  const { t } = useTranslation();
  if (page === 1 && !hasNext) return null;
  return (
    <nav className="d-flex gap-2 align-items-center" aria-label={t('monitoring.pager.label')}>
      <button type="button" className="btn btn-outline-primary btn-sm" disabled={page <= 1} onClick={onPrevious}>
        {t('monitoring.pager.previous')}
      </button>
      <span className="small">{t('monitoring.pager.page', { page })}</span>
      <button
        type="button"
        className="btn btn-outline-primary btn-sm"
        disabled={!hasNext || !endCursor}
        onClick={() => endCursor && onNext(endCursor)}
      >
        {t('monitoring.pager.next')}
      </button>
    </nav>
  );
}
