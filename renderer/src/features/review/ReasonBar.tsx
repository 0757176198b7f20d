import { useEffect, useRef, useState } from 'react';

/**
 * A reason asked for in one line (reject, reopen): the box is focused when it opens, Enter gives
 * it once it says something (three characters or more), Esc puts the question away.
 */
export function ReasonBar({
  label,
  placeholder,
  action,
  onSubmit,
  onCancel,
}: {
  label: string;
  placeholder: string;
  action: string;
  onSubmit: (reason: string) => void;
  onCancel: () => void;
}) {
  const [reason, setReason] = useState('');
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  const ready = reason.trim().length >= 3;
  return (
    <div
      className="reopen"
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          onCancel();
        }
      }}
    >
      <input
        ref={input}
        placeholder={placeholder}
        aria-label={label}
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && ready) {
            event.preventDefault();
            onSubmit(reason.trim());
          }
        }}
      />
      <button type="button" disabled={!ready} onClick={() => onSubmit(reason.trim())}>
        {action}
      </button>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
