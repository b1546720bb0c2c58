"use client";

/** A labelled select over a fixed set of options plus "all", for list screen toolbars. */
export function OptionFilter<Value extends string>({
  id,
  label,
  allLabel,
  value,
  options,
  onChange,
  className,
  disabled,
}: {
  id: string;
  label: string;
  allLabel: string;
  value: Value | undefined;
  /** `data`: the label is stored data (a name a person chose), marked so. */
  options: ReadonlyArray<{ value: Value; label: string; data?: boolean }>;
  onChange(next: Value | undefined): void;
  className?: string;
  disabled?: boolean;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        className={className ? `select ${className}` : "select"}
        value={value ?? ""}
        disabled={disabled}
        onChange={(event) => onChange(options.find((o) => o.value === event.target.value)?.value)}
      >
        <option value="">{allLabel}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value} data-i18n-skip={option.data || undefined}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
