import { useEffect, useRef, useState } from 'react';
import type { Word } from '../../../../app/model/document';
import { wordConfidenceLevel } from '../../../../app/confidence/words';
import { call } from '../../api/client';

const SAVE_DELAY_MS = 400;

/** The recognised text, line by line; every word is editable and saves as the person types. */
export function LinesEditor({
  documentId,
  words,
  readOnly,
  focusedWordId,
  onFocusWord,
  onSaved,
}: {
  documentId: string;
  words: Word[];
  readOnly: boolean;
  focusedWordId: string | null;
  onFocusWord: (id: string) => void;
  onSaved: (word: Word) => void;
}) {
  const lines = new Map<number, Word[]>();
  for (const word of words) lines.set(word.line, [...(lines.get(word.line) ?? []), word]);
  if (words.length === 0) return <div className="lines muted">No text was recognised on this page.</div>;
  return (
    <div className="lines" role="list" aria-label="Recognised text">
      {[...lines.entries()].map(([line, lineWords]) => (
        <div className="line" role="listitem" key={line}>
          {lineWords.map((word) => (
            <WordInput
              key={word.id}
              documentId={documentId}
              word={word}
              readOnly={readOnly}
              focused={word.id === focusedWordId}
              onFocus={() => onFocusWord(word.id)}
              onSaved={onSaved}
            />
          ))}
        </div>
      ))}
    </div>
  );
}

type SaveState = 'idle' | 'pending' | 'saved' | 'error';

function WordInput({
  documentId,
  word,
  readOnly,
  focused,
  onFocus,
  onSaved,
}: {
  documentId: string;
  word: Word;
  readOnly: boolean;
  focused: boolean;
  onFocus: () => void;
  onSaved: (word: Word) => void;
}) {
  const [value, setValue] = useState(word.text);
  const [state, setState] = useState<SaveState>('idle');
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef(word.text);

  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);

  async function save(text: string): Promise<void> {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (text === latest.current) return;
    try {
      const saved = await call('words.update', { documentId, wordId: word.id, text });
      latest.current = saved.text;
      setState('saved');
      onSaved(saved);
    } catch {
      setState('error');
    }
  }

  const level = word.edited ? 'edited' : wordConfidenceLevel(word.confidence);
  return (
    <input
      className={`word level-${level} save-${state}${focused ? ' focused' : ''}`}
      data-word-id={word.id}
      aria-label={`Word, confidence ${Math.round(word.confidence)}${word.edited ? ', corrected' : ''}`}
      value={value}
      size={Math.max(2, value.length + 1)}
      readOnly={readOnly}
      spellCheck={false}
      title={word.edited ? `Read as: ${word.ocrText}` : `Confidence ${Math.round(word.confidence)}`}
      onFocus={onFocus}
      onChange={(event) => {
        const text = event.target.value;
        setValue(text);
        setState('pending');
        if (timer.current) clearTimeout(timer.current);
        timer.current = setTimeout(() => void save(text), SAVE_DELAY_MS);
      }}
      onBlur={() => void save(value)}
      onKeyDown={(event) => {
        if (event.key === 'Enter') void save(value);
        if (event.key === 'Escape') {
          if (timer.current) clearTimeout(timer.current);
          setValue(latest.current);
          setState('idle');
        }
      }}
    />
  );
}
