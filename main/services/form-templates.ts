import { BUILT_IN_TEMPLATES } from '../../app/templates/cms1500';
import type { FormTemplate } from '../../app/templates/template';

/**
 * The forms pages are registered to: the built-in ones and, once a site designs its own, those
 * from the vault. One list, read by the page pipeline (second reading without the form's ink)
 * and by field extraction (box by box), so both always agree on what a page is.
 */
export class FormTemplates {
  list(): readonly FormTemplate[] {
    return BUILT_IN_TEMPLATES;
  }
}
