import type { ReactNode } from 'react';

/** A titled card of a detail page; `id` makes the heading addressable (#diario). */
export function Section({
  title,
  id,
  children,
  count,
}: {
  title: string;
  id?: string;
  children: ReactNode;
  count?: number | null;
}) {
  const headingId = id ? `${id}-title` : undefined;
  return (
    <section className="card card-bg siso-section mb-4" aria-labelledby={headingId} id={id}>
      <div className="card-body">
        <h2 className="h5 card-title" id={headingId}>
          {title}
          {count !== undefined && count !== null && <span className="badge bg-secondary ms-2">{count}</span>}
        </h2>
        {children}
      </div>
    </section>
  );
}
