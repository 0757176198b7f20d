import type { PrintedText } from '../../../../app/templates/template';

/**
 * The form's own printing as Folio read it from the sample. Anchors are the labels Folio looks
 * for to find the form on a page (their first word, where it stands); words a blank form does
 * not print (a value on a filled sample, a stray mark) should be removed, since they are kept in
 * the template and would be exported with it.
 */
export function PrintedList({
  printed,
  onAnchor,
  onRemove,
}: {
  printed: readonly PrintedText[];
  onAnchor: (index: number, anchor: boolean) => void;
  onRemove: (index: number) => void;
}) {
  const anchors = printed.filter((entry) => entry.anchor).length;
  return (
    <details className="printed-list" open={printed.length > 0 && printed.length <= 60}>
      <summary>
        Printed text: {printed.length} {printed.length === 1 ? 'run' : 'runs'}, {anchors} {anchors === 1 ? 'anchor' : 'anchors'}
      </summary>
      {printed.length === 0 ? (
        <p className="muted small">Nothing yet: choose a blank copy of the form as the sample page and use “Propose from the page”.</p>
      ) : (
        <ul aria-label="Printed text">
          {printed.map((entry, index) => (
            <li key={index}>
              <label className="checkbox">
                <input type="checkbox" checked={entry.anchor} onChange={(event) => onAnchor(index, event.target.checked)} />
                <span>
                  Anchor: <q>{entry.text}</q>
                </span>
              </label>
              <button type="button" className="link small" onClick={() => onRemove(index)} aria-label={`Remove printed text “${entry.text}”`}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}
