// A one-choice filter that looks like MultiSelectFilter's button ("Status: Any ▾"): a native
// select inside a chip, as wide as the chosen option (field-sizing), highlighted when set.
export function SingleSelectFilter({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: string;
  options: { value: string; label: string }[];
  onChange: (value: string) => void;
}) {
  return (
    <label
      className={`flex items-center gap-1 rounded-md border py-1.5 pl-3 pr-1 text-sm focus-within:ring-2 focus-within:ring-indigo-300 ${
        value ? "border-indigo-300 bg-indigo-50 text-indigo-800" : "border-slate-300 bg-white text-slate-700"
      } hover:border-indigo-400`}
    >
      <span className="font-medium">{label}:</span>
      <select value={value} onChange={(e) => onChange(e.target.value)} className="field-sizing-content bg-transparent pr-1 outline-none">
        <option value="">Any</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}
