import { Link } from 'react-router';
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import '../../i18n/areas/forms';

/**
 * Form inputs of the operator forms: a label (with a marker when required), the input, a hint,
 * and the error (client-side or the server's BAD_USER_INPUT for this field) announced as an alert
 * and tied to the input with aria-describedby.
 */
interface FieldFrame {
  id: string;
  label: string;
  error?: string | null;
  hint?: ReactNode;
  required?: boolean;
  className?: string;
}

export function RequiredMark() {
  const { t } = useTranslation();
  return (
    <>
      <span aria-hidden="true" className="text-danger">
        {' '}
        *
      </span>
      <span className="visually-hidden"> ({t('forms.required')})</span>
    </>
  );
}

function describedBy(id: string, error?: string | null, hint?: ReactNode): string | undefined {
  const ids = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function Feedback({ id, error, hint }: { id: string; error?: string | null; hint?: ReactNode }) {
  return (
    <>
      {error && (
        <div id={`${id}-error`} className="invalid-feedback d-block" role="alert">
          {error}
        </div>
      )}
      {hint && (
        <small id={`${id}-hint`} className="form-text d-block">
          {hint}
        </small>
      )}
    </>
  );
}

type TextInputProps = FieldFrame &
  Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'onChange' | 'value' | 'required'> & {
    value: string;
    onChange: (value: string) => void;
    /** Classes of the input itself (className is the wrapper's). */
    inputClassName?: string;
  };

export function TextInput({
  id,
  label,
  error,
  hint,
  required,
  className,
  inputClassName,
  value,
  onChange,
  ...rest
}: TextInputProps) {
  return (
    <div className={`form-group ${className ?? ''}`}>
      <label htmlFor={id} className="active">
        {label}
        {required && <RequiredMark />}
      </label>
      <input
        id={id}
        className={`form-control${error ? ' is-invalid' : ''}${inputClassName ? ` ${inputClassName}` : ''}`}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-required={required || undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        {...rest}
      />
      <Feedback id={id} error={error} hint={hint} />
    </div>
  );
}

type TextAreaProps = FieldFrame &
  Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'onChange' | 'value' | 'required'> & {
    value: string;
    onChange: (value: string) => void;
  };

export function TextArea({ id, label, error, hint, required, className, value, onChange, ...rest }: TextAreaProps) {
  return (
    <div className={`form-group ${className ?? ''}`}>
      <label htmlFor={id} className="active">
        {label}
        {required && <RequiredMark />}
      </label>
      <textarea
        id={id}
        className={`form-control${error ? ' is-invalid' : ''}`}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-required={required || undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        rows={3}
        {...rest}
      />
      <Feedback id={id} error={error} hint={hint} />
    </div>
  );
}

export interface Option {
  value: string;
  label: string;
  /** Consecutive options with the same group are shown under it (an optgroup). */
  group?: string;
}

/** The options in runs of the same group, in their order. */
function grouped(options: readonly Option[]) {
  const groups: { name: string | undefined; options: Option[] }[] = [];
  for (const o of options) {
    const last = groups[groups.length - 1];
    if (last && last.name === o.group) last.options.push(o);
    else groups.push({ name: o.group, options: [o] });
  }
  return groups;
}

function renderOptions(options: readonly Option[]) {
  return options.map((o) => (
    <option key={o.value} value={o.value}>
      {o.label}
    </option>
  ));
}

type SelectProps = FieldFrame &
  Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'onChange' | 'value' | 'required'> & {
    value: string;
    onChange: (value: string) => void;
    options: readonly Option[];
    /** The label of the empty first option; none when omitted. */
    placeholder?: string;
  };

export function Select({
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
  ...rest
}: SelectProps) {
  return (
    <div className={`select-wrapper mb-4 ${className ?? ''}`}>
      <label htmlFor={id}>
        {label}
        {required && <RequiredMark />}
      </label>
      <select
        id={id}
        className={`form-select${error ? ' is-invalid' : ''}`}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-required={required || undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        {...rest}
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {grouped(options).map((g, i) =>
          g.name ? (
            <optgroup key={`${g.name}-${i}`} label={g.name}>
              {renderOptions(g.options)}
            </optgroup>
          ) : (
            renderOptions(g.options)
          ),
        )}
      </select>
      <Feedback id={id} error={error} hint={hint} />
    </div>
  );
}

type CheckboxProps = Omit<FieldFrame, 'required'> & {
  checked: boolean;
  onChange: (checked: boolean) => void;
  disabled?: boolean;
};

export function Checkbox({ id, label, error, hint, className, checked, onChange, disabled }: CheckboxProps) {
  return (
    <div className={`form-check ${className ?? ''}`}>
      <input
        id={id}
        type="checkbox"
        checked={checked}
        disabled={disabled}
        onChange={(e) => onChange(e.target.checked)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
      />
      <label htmlFor={id}>{label}</label>
      <Feedback id={id} error={error} hint={hint} />
    </div>
  );
}

/**
 * A choice among a few options as radio buttons under a legend; the error is tied to the group. The
 * inputs share `name`, so that the first of them gets the focus for an error keyed by it.
 */
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
  options: readonly Option[];
  error?: string | null;
  required?: boolean;
}) {
  return (
    <fieldset className="mb-3" aria-describedby={error ? `${name}-error` : undefined}>
      <legend className="form-label fs-6 fw-semibold">
        {legend}
        {required && <RequiredMark />}
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

/**
 * The buttons under a form: submit (its label changes while the form is being sent) and, when
 * given, the way out without saving (a link, or a button with its own action).
 */
export function FormActions({
  running,
  submit,
  saving,
  cancel,
  danger,
  className = 'd-flex gap-2 flex-wrap',
}: {
  running: boolean;
  submit: string;
  /** The submit button's label while sending. */
  saving: string;
  cancel?: { label: string; to: string } | { label: string; onClick: () => void };
  /** An irreversible action (closing): the submit button is red. */
  danger?: boolean;
  className?: string;
}) {
  return (
    <div className={className}>
      <button type="submit" className={`btn ${danger ? 'btn-danger' : 'btn-primary'}`} disabled={running}>
        {running ? saving : submit}
      </button>
      {cancel &&
        ('to' in cancel ? (
          <Link to={cancel.to} className="btn btn-outline-secondary">
            {cancel.label}
          </Link>
        ) : (
          <button type="button" className="btn btn-outline-secondary" onClick={cancel.onClick}>
            {cancel.label}
          </button>
        ))}
    </div>
  );
}
