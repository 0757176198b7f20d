import { useEffect, useState, type ReactNode } from 'react';
import { call } from '../../api/client';

interface Hit {
  documentId: string;
  documentName: string;
  pageIndex: number | null;
  snippet: string;
}

/** Full-text search over every page's text and every field value, inside the vault. */
export function SearchBox({ onOpen }: { onOpen: (documentId: string, pageIndex: number | null) => void }) {
  const [text, setText] = useState('');
  const [hits, setHits] = useState<Hit[] | null>(null);

  useEffect(() => {
    const query = text.trim();
    if (query.length < 2) {
      setHits(null);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      call('search.query', { text: query })
        .then((result) => live && setHits(result.hits))
        .catch(() => live && setHits([]));
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [text]);

  return (
    <div className="search">
      <input type="search" placeholder="Search documents" aria-label="Search documents" value={text} onChange={(event) => setText(event.target.value)} />
      {hits && (
        <ul className="search-hits" aria-label="Search results">
          {hits.length === 0 && <li className="muted">Nothing found.</li>}
          {hits.map((hit, index) => (
            <li key={`${hit.documentId}:${index}`}>
              <button type="button" onClick={() => onOpen(hit.documentId, hit.pageIndex)}>
                <span className="queue-name">{hit.documentName}</span>
                <span className="muted small">{hit.pageIndex === null ? 'fields' : `page ${hit.pageIndex + 1}`}: {renderSnippet(hit.snippet)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Matches come back wrapped in [ ]; show them bold without ever handing the text to innerHTML. */
function renderSnippet(snippet: string): ReactNode[] {
  return snippet.split(/(\[[^\]]*\])/).map((part, index) =>
    part.startsWith('[') && part.endsWith(']') ? <mark key={index}>{part.slice(1, -1)}</mark> : part,
  );
}
