import type { ReactNode } from 'react';

// Small labelled inputs of the case-work forms: a visible label tied to the input, the hint and the
// error announced (role="alert") and referenced by aria-describedby, Bootstrap's is-invalid style.

interface Common {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  required?: boolean;
  className?: string;
}

function describedBy(id: string, error?: string, hint?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function Label({ id, label, required }: { id: string; label: string; required?: boolean }) {
  return (
    <label htmlFor={id} className="form-label fw-semibold">
      {label}
      {required && <span aria-hidden="true"> *</span>}
    </label>
  );
}

function Feedback({ id, error, hint }: { id: string; error?: string | undefined; hint?: string | undefined }) {
  return (
    <>
      {hint && (
        <small id={`${id}-hint`} className="form-text d-block">
          {hint}
        </small>
      )}
      {error && (
        <div id={`${id}-error`} className="invalid-feedback d-block" role="alert">
          {error}
        </div>
      )}
    </>
  );
}

export function TextInput({
  id,
  label,
  error,
  hint,
  required,
  className,
  value,
  onChange,
  type = 'text',
  inputMode,
  maxLength,
  min,
  max,
  step,
}: Common & {
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'date' | 'number';
  inputMode?: 'decimal' | 'numeric' | 'text';
  maxLength?: number;
  min?: string;
  max?: string;
  step?: string;
}) {
  return (
    <div className={className ?? 'mb-3'}>
      <Label id={id} label={label} required={required} />
      <input
        id={id}
        name={id}
        type={type}
        className={`form-control${error ? ' is-invalid' : ''}`}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-required={required || undefined}
        aria-describedby={describedBy(id, error, hint)}
        inputMode={inputMode}
        maxLength={maxLength}
        min={min}
        max={max}
        step={step}
      />
      <Feedback id={id} error={error} hint={hint} />
    </div>
  );
}

export function TextArea({
  id,
  label,
  error,
  hint,
  required,
  className,
  value,
  onChange,
  rows = 3,
  maxLength,
}: Common & { value: string; onChange: (value: string) => void; rows?: number; maxLength?: number }) {
  return (
    <div className={className ?? 'mb-3'}>
      <Label id={id} label={label} required={required} />
      <textarea
        id={id}
        name={id}
        rows={rows}
        className={`form-control${error ? ' is-invalid' : ''}`}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-required={required || undefined}
        aria-describedby={describedBy(id, error, hint)}
        maxLength={maxLength}
      />
      <Feedback id={id} error={error} hint={hint} />
    </div>
  );
}

export interface Option {
  value: string;
  label: string;
  group?: string;
}

export function SelectInput({
  id,
  label,
  error,
  hint,
  required,
  className,
  value,
  onChange,
  options,
  placeholder,
}: Common & { value: string; onChange: (value: string) => void; options: Option[]; placeholder?: string }) {
  const groups: { name: string | undefined; options: Option[] }[] = [];
  for (const o of options) {
    const last = groups[groups.length - 1];
    if (last && last.name === o.group) last.options.push(o);
    else groups.push({ name: o.group, options: [o] });
  }
  const render = (os: Option[]) =>
    os.map((o) => (
      <option key={o.value} value={o.value}>
        {o.label}
      </option>
    ));
  return (
    <div className={className ?? 'mb-3'}>
      <Label id={id} label={label} required={required} />
      <select
        id={id}
        name={id}
        className={`form-select${error ? ' is-invalid' : ''}`}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-required={required || undefined}
        aria-describedby={describedBy(id, error, hint)}
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {groups.map((g, i) =>
          g.name ? (
            <optgroup key={`${g.name}-${i}`} label={g.name}>
              {render(g.options)}
            </optgroup>
          ) : (
            render(g.options)
          ),
        )}
      </select>
      <Feedback id={id} error={error} hint={hint} />
    </div>
  );
}

export function Checkbox({
  id,
  label,
  checked,
  onChange,
  error,
  hint,
}: {
  id: string;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  error?: string | undefined;
  hint?: string | undefined;
}) {
  return (
    <div className="form-check mb-3">
      <input
        id={id}
        name={id}
        type="checkbox"
        className={`form-check-input${error ? ' is-invalid' : ''}`}
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        aria-describedby={describedBy(id, error, hint)}
      />
      <label htmlFor={id} className="form-check-label">
        {label}
      </label>
      <Feedback id={id} error={error} hint={hint} />
    </div>
  );
}

export function RadioGroup({
  name,
  legend,
  value,
  onChange,
  options,
  error,
  required,
}: {
  name: string;
  legend: string;
  value: string;
  onChange: (value: string) => void;
  options: Option[];
  error?: string | undefined;
  required?: boolean;
}) {
  return (
    <fieldset className="mb-3" aria-describedby={error ? `${name}-error` : undefined}>
      <legend className="form-label fs-6 fw-semibold">
        {legend}
        {required && <span aria-hidden="true"> *</span>}
      </legend>
      {options.map((o) => (
        <div className="form-check" key={o.value}>
          <input
            id={`${name}-${o.value}`}
            type="radio"
            name={name}
            className={`form-check-input${error ? ' is-invalid' : ''}`}
            value={o.value}
            checked={value === o.value}
            onChange={() => onChange(o.value)}
          />
          <label htmlFor={`${name}-${o.value}`} className="form-check-label">
            {o.label}
          </label>
        </div>
      ))}
      <Feedback id={name} error={error} />
    </fieldset>
  );
}

export function FormButtons({ children }: { children: ReactNode }) {
  return <div className="d-flex flex-wrap gap-2 mt-3">{children}</div>;
}
