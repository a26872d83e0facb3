/** A GET search form: works without JavaScript and keeps the other filters in the URL. */
export function SearchForm({
  action,
  label,
  placeholder,
  defaultValue,
  keep = {},
}: {
  action: string;
  label: string;
  placeholder: string;
  defaultValue: string;
  /** Other query parameters to carry over, such as the current filter. */
  keep?: Record<string, string | undefined>;
}) {
  const id = `search-${label.toLowerCase().replaceAll(/[^a-z]+/g, "-")}`;
  return (
    <form role="search" action={action} className="flex flex-1 gap-2">
      {Object.entries(keep).map(([name, value]) => (value ? <input key={name} type="hidden" name={name} value={value} /> : null))}
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <input
        id={id}
        name="q"
        type="search"
        defaultValue={defaultValue}
        placeholder={placeholder}
        className="w-full max-w-sm rounded-md border border-slate-300 px-3 py-1.5 text-sm"
      />
      <button type="submit" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50">
        Search
      </button>
    </form>
  );
}
