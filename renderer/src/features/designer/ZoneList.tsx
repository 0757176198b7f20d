import { useEffect, useRef } from 'react';
import type { Rect, Zone, ZoneType } from '../../../../app/templates/template';
import { fieldLabel } from '../review/field-labels';
import { ZONE_TYPES } from './draft';

const BOX_SIDES: ReadonlyArray<{ key: keyof Rect; label: string }> = [
  { key: 'x', label: 'Left' },
  { key: 'y', label: 'Top' },
  { key: 'width', label: 'Width' },
  { key: 'height', label: 'Height' },
];

/**
 * Every zone drawn so far, each with its field name (free, or one of Folio's known names from
 * the list), type, required flag and box. The selected one is open; a new zone opens with its
 * name field focused, so the person names it straight after drawing it.
 */
export function ZoneList({
  zones,
  knownNames,
  selected,
  focusRequest,
  onSelect,
  onChange,
  onRemove,
}: {
  zones: readonly Zone[];
  knownNames: readonly string[];
  selected: number | null;
  /** Bumped when a zone was just drawn: its name field takes the focus. */
  focusRequest: number;
  onSelect: (index: number) => void;
  onChange: (index: number, change: Partial<Zone>) => void;
  onRemove: (index: number) => void;
}) {
  const nameInput = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (focusRequest > 0) nameInput.current?.focus();
  }, [focusRequest]);

  if (zones.length === 0) return <p className="muted small">No zones yet: drag a rectangle on the page where a value is written, or add one by its position.</p>;
  return (
    <ol className="zone-list" aria-label="Zones">
      <datalist id="known-field-names">
        {knownNames.map((name) => (
          <option key={name} value={name}>
            {fieldLabel(name, null)}
          </option>
        ))}
      </datalist>
      {zones.map((zone, index) => {
        const open = index === selected;
        const id = `zone-${index}`;
        return (
          <li key={index} className={open ? 'zone-item selected' : 'zone-item'} data-zone-item={zone.field}>
            <button type="button" className="link" aria-expanded={open} onClick={() => onSelect(index)}>
              Zone {index + 1}: {zone.field || '(no name)'} · {ZONE_TYPES.find((t) => t.type === zone.type)?.label}
              {zone.required ? ' · required' : ''}
            </button>
            {open && (
              <fieldset className="zone-fields" aria-label={`Zone ${index + 1}`}>
                <label htmlFor={`${id}-field`}>Field name</label>
                <input
                  id={`${id}-field`}
                  ref={nameInput}
                  list="known-field-names"
                  value={zone.field}
                  maxLength={80}
                  onChange={(event) => onChange(index, { field: event.target.value.trim() })}
                />
                <label htmlFor={`${id}-type`}>Type</label>
                <select id={`${id}-type`} value={zone.type} onChange={(event) => onChange(index, { type: event.target.value as ZoneType })}>
                  {ZONE_TYPES.map((option) => (
                    <option key={option.type} value={option.type}>
                      {option.label}
                    </option>
                  ))}
                </select>
                {zone.type === 'checkbox' && (
                  <>
                    <label htmlFor={`${id}-option`}>Value when marked</label>
                    <input id={`${id}-option`} value={zone.option ?? ''} maxLength={40} onChange={(event) => onChange(index, { option: event.target.value })} />
                  </>
                )}
                {zone.type === 'digits' && (
                  <>
                    <label htmlFor={`${id}-length`}>Number of digits</label>
                    <input
                      id={`${id}-length`}
                      type="number"
                      min={1}
                      max={40}
                      value={zone.length ?? ''}
                      onChange={(event) => onChange(index, { length: event.target.value === '' ? undefined : Math.max(1, Math.round(Number(event.target.value))) })}
                    />
                  </>
                )}
                <label htmlFor={`${id}-index`}>Repeat number (empty for a single value)</label>
                <input
                  id={`${id}-index`}
                  type="number"
                  min={0}
                  value={zone.index ?? ''}
                  onChange={(event) => onChange(index, { index: event.target.value === '' ? null : Math.max(0, Math.round(Number(event.target.value))) })}
                />
                <label className="checkbox">
                  <input type="checkbox" checked={zone.required} onChange={(event) => onChange(index, { required: event.target.checked })} /> Required (an empty box is shown as missing)
                </label>
                <div className="zone-box-fields">
                  {BOX_SIDES.map((side) => (
                    <label key={side.key}>
                      {side.label}
                      <input
                        type="number"
                        min={side.key === 'width' || side.key === 'height' ? 1 : 0}
                        value={Math.round(zone.box[side.key])}
                        onChange={(event) => {
                          const value = Number(event.target.value);
                          if (!Number.isFinite(value)) return;
                          const min = side.key === 'width' || side.key === 'height' ? 1 : 0;
                          onChange(index, { box: { ...zone.box, [side.key]: Math.max(min, value) } });
                        }}
                      />
                    </label>
                  ))}
                </div>
                <button type="button" onClick={() => onRemove(index)}>
                  Delete zone {index + 1}
                </button>
              </fieldset>
            )}
          </li>
        );
      })}
    </ol>
  );
}
