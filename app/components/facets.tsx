import { useEffect, useId, useState } from "react";
import { FACET_VISIBLE, type FacetOption } from "~/domain/facets";

/**
 * A facet filter group: checkboxes with counts, part of a GET search form.
 *
 * Options come in a stable order (see app/domain/facets.ts, or `order` for values with a natural
 * order such as pay bands), so a tick never moves the others. The first few are shown; the rest
 * are behind "Show N more" (a <details>, so it works without JavaScript, open when one of them is
 * ticked). With JavaScript, a long facet also gets a box to filter its options by name.
 */
export function FacetGroup({
  name,
  legend,
  options,
  selected,
  label,
  order,
  onChange,
}: {
  name: string;
  legend: string;
  options: FacetOption[] | undefined;
  selected: string[];
  label: (key: string) => string;
  /** A fixed order for the values (e.g. pay bands low to high); values not in it keep their place after. */
  order?: readonly string[];
  onChange?: () => void;
}) {
  const list = [...(options ?? [])];
  if (order) {
    const rank = (v: string) => {
      const i = order.indexOf(v);
      return i === -1 ? order.length : i;
    };
    list.sort((a, b) => rank(a.value) - rank(b.value));
  }
  const id = useId();
  const [hydrated, setHydrated] = useState(false);
  const [filter, setFilter] = useState("");
  // "Show more" starts open when one of the hidden options is ticked, and then stays as the
  // person left it (unticking that option must not fold the list away under the pointer).
  const [moreOpen, setMoreOpen] = useState(() => list.slice(FACET_VISIBLE).some((o) => selected.includes(o.value)));
  useEffect(() => setHydrated(true), []);
  if (list.length === 0) return null;
  const needle = filter.trim().toLowerCase();
  const shown = (o: FacetOption) => !needle || label(o.value).toLowerCase().includes(needle) || o.value.toLowerCase().includes(needle);
  const option = (o: FacetOption) => (
    <label key={o.value} className={`facet-option small${o.count === 0 ? " facet-empty" : ""}`} hidden={!shown(o)}>
      <input type="checkbox" name={name} value={o.value} defaultChecked={selected.includes(o.value)} onChange={onChange} />
      <span>
        {label(o.value)} <span className="facet-count">({o.count})</span>
      </span>
    </label>
  );
  const first = list.slice(0, FACET_VISIBLE);
  const rest = list.slice(FACET_VISIBLE);
  const matches = list.filter(shown).length;
  return (
    <fieldset className="field facet">
      <legend>{legend}</legend>
      {hydrated && rest.length > 0 && (
        <>
          <label htmlFor={`${id}-filter`} className="visually-hidden">
            {`Filter ${legend.toLowerCase()} options`}
          </label>
          <input
            id={`${id}-filter`}
            type="search"
            className="facet-filter"
            placeholder={`Filter ${legend.toLowerCase()}…`}
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            // Enter here must not submit the search form.
            onKeyDown={(e) => {
              if (e.key === "Enter") e.preventDefault();
            }}
          />
          {needle && matches === 0 && (
            <p className="small muted">
              No {legend.toLowerCase()} matches “{filter.trim()}”.
            </p>
          )}
        </>
      )}
      {first.map(option)}
      {rest.length > 0 && (
        <details
          className="facet-more"
          open={moreOpen || Boolean(needle)}
          onToggle={(e) => {
            if (!needle) setMoreOpen(e.currentTarget.open);
          }}
        >
          <summary className="small">{`Show ${rest.length} more`}</summary>
          {rest.map(option)}
        </details>
      )}
    </fieldset>
  );
}

/**
 * The filters of a search page. On a phone they fold into "Filters (n chosen)" below the search
 * box, so the box and the results come first; on a wide screen the summary is hidden and the
 * filters are always shown (CSS opens the closed <details> there; with JavaScript it is also
 * opened, for browsers without ::details-content).
 */
export function FiltersPanel({ count, children }: { count: number; children: React.ReactNode }) {
  const [ref, setRef] = useState<HTMLDetailsElement | null>(null);
  useEffect(() => {
    if (ref && window.matchMedia("(min-width: 801px)").matches) ref.open = true;
  }, [ref]);
  return (
    <details className="filters-panel" ref={setRef}>
      <summary>Filters{count > 0 ? ` (${count} chosen)` : ""}</summary>
      <div className="stack">{children}</div>
    </details>
  );
}
