import { BUILT_IN_TEMPLATES } from '../../app/templates/cms1500';
import type { FormTemplate } from '../../app/templates/template';
import type { StoredTemplate, TemplateStore } from '../vault/template-store';

/**
 * The forms pages are registered to: the built-in ones and those a site designed or imported,
 * from the vault. One list, read by the page pipeline (second reading without the form's ink)
 * and by field extraction (box by box), so both always agree on what a page is.
 *
 * The list is read for every page and every analysis; it is parsed from the vault once and kept
 * until a template changes (TemplateService says so). Keeping the same objects also keeps the
 * registration's per-template anchor cache warm.
 */
export class FormTemplates {
  private cached: readonly FormTemplate[] | null = null;
  private siteCache: readonly StoredTemplate[] | null = null;

  constructor(private readonly store: TemplateStore | null = null) {}

  list(): readonly FormTemplate[] {
    this.cached ??= [...BUILT_IN_TEMPLATES, ...this.site().map((stored) => stored.template)];
    return this.cached;
  }

  /** The site's own templates, with who made and changed them. */
  site(): readonly StoredTemplate[] {
    this.siteCache ??= this.store?.list() ?? [];
    return this.siteCache;
  }

  builtIns(): readonly FormTemplate[] {
    return BUILT_IN_TEMPLATES;
  }

  builtIn(id: string): FormTemplate | null {
    return BUILT_IN_TEMPLATES.find((template) => template.id === id) ?? null;
  }

  /** A site template was saved, imported or deleted: the next page reads the new list. */
  changed(): void {
    this.cached = null;
    this.siteCache = null;
  }
}
