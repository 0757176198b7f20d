import { useEffect, useRef } from 'react';

/** What the review's keys do (REVIEW_SHORTCUTS lists them for the person). */
export interface ReviewKeyActions {
  nextToCheck: (direction: 1 | -1) => void;
  approve: () => void;
  reject: () => void;
  undo: () => void;
  redo: () => void;
  page: (to: 'next' | 'previous' | 'first' | 'last') => void;
  view: (command: 'zoom-in' | 'zoom-out' | 'fit-width' | 'fit-page' | 'actual-size' | 'rotate') => void;
  focusImage: () => void;
  help: () => void;
  /** Where the keyboard goes when what had focus went away (a dialog closed, a row redrawn). */
  refocus: () => void;
}

const VIEW_KEYS: Record<string, Parameters<ReviewKeyActions['view']>[0]> = {
  '+': 'zoom-in',
  '=': 'zoom-in',
  '-': 'zoom-out',
  '−': 'zoom-out',
  w: 'fit-width',
  W: 'fit-width',
  '0': 'fit-page',
  '1': 'actual-size',
  r: 'rotate',
  R: 'rotate',
};

/** Typing goes to the element: a key that is also a character never acts from inside a text box. */
export function isEditing(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT' || target.isContentEditable);
}

/** A field being typed in keeps Ctrl+Z for its own text until it is saved. */
function hasUnsavedText(target: EventTarget | null): boolean {
  return target instanceof HTMLInputElement ? (target.dataset.dirty === 'true' || !target.classList.contains('field-value')) : isEditing(target);
}

/**
 * The review's keys on the window, so they work wherever focus is in the review (Cmd stands
 * for Ctrl on macOS). `enabled` is false while a dialog that has its own keys is open.
 */
export function useReviewKeys(actions: ReviewKeyActions, enabled: boolean): void {
  const current = useRef(actions);
  current.current = actions;
  const on = useRef(enabled);
  on.current = enabled;

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (!on.current || event.defaultPrevented) return;
      const act = current.current;
      const mod = event.ctrlKey || event.metaKey;
      const editing = isEditing(event.target);
      const handled = ((): boolean => {
        if (event.key === 'F8') act.nextToCheck(event.shiftKey ? -1 : 1);
        else if (event.key === 'F1' || (event.key === '?' && !editing)) act.help();
        // Not from a box with unsaved typing: its correction must be saved before anything is approved.
        else if (event.key === 'Enter' && mod && !hasUnsavedText(event.target)) act.approve();
        else if (event.altKey && !mod && event.code === 'KeyR') act.reject();
        else if (event.altKey && !mod && event.code === 'KeyI') act.focusImage();
        else if (mod && !event.altKey && event.code === 'KeyZ' && !hasUnsavedText(event.target)) (event.shiftKey ? act.redo : act.undo)();
        else if (mod && !event.altKey && event.code === 'KeyY' && !hasUnsavedText(event.target)) act.redo();
        else if (event.key === 'PageDown' && !event.altKey) act.page('next');
        else if (event.key === 'PageUp' && !event.altKey) act.page('previous');
        else if (event.key === 'Home' && mod) act.page('first');
        else if (event.key === 'End' && mod) act.page('last');
        else if (!mod && !event.altKey && !editing && VIEW_KEYS[event.key] && !(event.target instanceof HTMLButtonElement && event.key === ' ')) {
          act.view(VIEW_KEYS[event.key] as Parameters<ReviewKeyActions['view']>[0]);
        } else return false;
        return true;
      })();
      if (handled) event.preventDefault();
    };
    // Focus must never rest on the page body: a removed row or closed box hands it back to the review.
    const onFocusOut = (): void => {
      window.setTimeout(() => {
        if (on.current && (document.activeElement === document.body || document.activeElement === null)) current.current.refocus();
      }, 0);
    };
    window.addEventListener('keydown', onKey);
    document.addEventListener('focusout', onFocusOut);
    return () => {
      window.removeEventListener('keydown', onKey);
      document.removeEventListener('focusout', onFocusOut);
    };
  }, []);
}
