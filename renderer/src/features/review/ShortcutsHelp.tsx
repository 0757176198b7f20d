import { useEffect, useRef } from 'react';
import { REVIEW_SHORTCUTS } from './review-shortcuts';

/** Every key of the review, opened by `?` or F1; Esc or the button closes it and focus goes back. */
export function ShortcutsHelp({ onClose }: { onClose: () => void }) {
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    close.current?.focus();
    return () => previous?.focus();
  }, []);
  const groups = ['Fields', 'Document', 'Page'] as const;
  return (
    <div
      className="dialog-backdrop"
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onClose();
        }
      }}
    >
      <div className="dialog shortcuts" role="dialog" aria-modal="true" aria-labelledby="shortcuts-title">
        <h2 id="shortcuts-title">Keyboard shortcuts</h2>
        {groups.map((group) => (
          <section key={group}>
            <h3>{group}</h3>
            <dl>
              {REVIEW_SHORTCUTS.filter((shortcut) => shortcut.group === group).map((shortcut) => (
                <div key={shortcut.keys} className="shortcut">
                  <dt>
                    <kbd>{shortcut.keys}</kbd>
                  </dt>
                  <dd>{shortcut.does}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
        <button ref={close} type="button" className="primary" onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}
