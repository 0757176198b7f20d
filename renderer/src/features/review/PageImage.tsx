import type { Page } from '../../../../app/model/document';
import { wordConfidenceLevel } from '../../../../app/confidence/words';
import { folio } from '../../api/client';

/** The page as scanned, with each word's box drawn in the image's own pixel space. */
export function PageImage({
  documentId,
  page,
  focusedWordId,
  onSelectWord,
}: {
  documentId: string;
  page: Page;
  focusedWordId: string | null;
  onSelectWord: (id: string) => void;
}) {
  return (
    <div className="page-image">
      <div className="page-sheet">
        <img src={folio.pageImageUrl(documentId, page.index)} alt={`Page ${page.index + 1}`} draggable={false} />
        <svg viewBox={`0 0 ${page.width} ${page.height}`} preserveAspectRatio="none" aria-hidden="true">
          {page.words.map((word) => {
            const level = word.edited ? 'edited' : wordConfidenceLevel(word.confidence);
            return (
              <rect
                key={word.id}
                data-word-box={word.id}
                className={`word-box level-${level}${word.id === focusedWordId ? ' focused' : ''}`}
                x={word.box.x}
                y={word.box.y}
                width={word.box.width}
                height={word.box.height}
                onClick={() => {
                  onSelectWord(word.id);
                  document.querySelector<HTMLInputElement>(`input[data-word-id="${CSS.escape(word.id)}"]`)?.focus();
                }}
              />
            );
          })}
        </svg>
      </div>
    </div>
  );
}
