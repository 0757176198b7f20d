import type { DocumentClassification } from '../../../../app/model/field';

/**
 * Says how the document was read: box by box on a known form (with how much of the form's
 * printing was found, per page), or by labels alone on a page that looked like a known form
 * but could not be matched to it, whose values are then all to be checked.
 */
export function FormMatch({ classification }: { classification: DocumentClassification | null }) {
  if (!classification) return null;
  const { form, formNote } = classification;
  if (form?.pages.every((p) => p.model === 'values')) {
    return (
      <p className="notice form-match" role="status" data-testid="form-match">
        Placed on the {form.name} by where its values sit: the form’s printing is not on the page (a fax loses a red form), so check every value.
      </p>
    );
  }
  if (form) {
    const pages = form.pages
      .map((p) => `page ${p.pageIndex + 1}: ${p.model === 'values' ? 'placed by its values' : `${p.anchorsFound} of ${p.anchorsTotal} printed labels found`}`)
      .join('; ');
    return (
      <p className="form-match" data-testid="form-match">
        Read box by box as the {form.name} ({pages}).
      </p>
    );
  }
  if (formNote) {
    return (
      <p className="notice form-match" role="status" data-testid="form-match">
        {formNote}
      </p>
    );
  }
  return null;
}
