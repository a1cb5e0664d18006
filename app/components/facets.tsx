/** A facet filter group: checkboxes with counts, part of a GET search form. */
export function FacetGroup({
  name,
  legend,
  counts,
  selected,
  label,
  onChange,
}: {
  name: string;
  legend: string;
  counts: Record<string, number> | undefined;
  selected: string[];
  label: (key: string) => string;
  onChange?: () => void;
}) {
  const keys = Object.keys(counts ?? {}).sort((a, b) => (counts?.[b] ?? 0) - (counts?.[a] ?? 0));
  for (const s of selected) if (!keys.includes(s)) keys.push(s);
  if (keys.length === 0) return null;
  return (
    <fieldset className="field">
      <legend>{legend}</legend>
      {keys.slice(0, 12).map((k) => (
        <label key={k} className="small">
          <input type="checkbox" name={name} value={k} defaultChecked={selected.includes(k)} onChange={onChange} /> {label(k)}{" "}
          <span className="muted">({counts?.[k] ?? 0})</span>
        </label>
      ))}
    </fieldset>
  );
}
