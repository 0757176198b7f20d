import { z } from 'zod';
import { FormTemplateSchema, ZoneSchema, type FormTemplate } from './template';

/**
 * Templates a site designs or imports, beside the built-in ones. Their ids live in their own
 * namespace (`site.…`), which no built-in id uses: a later Folio that ships a new built-in form
 * can never collide with a template a site already has, and an exported built-in imported back
 * becomes a site copy instead of shadowing the original.
 */
export const SITE_TEMPLATE_PREFIX = 'site.';

/** A template file at most this long (about 1 MB): a few thousand zones with room to spare. */
export const MAX_TEMPLATE_JSON_CHARS = 1_000_000;
/** The most zones a template may have (the schema holds the same number). */
export const MAX_TEMPLATE_ZONES = 2000;

const ID_MAX = 64;

export function isSiteTemplateId(id: string): boolean {
  return id.startsWith(SITE_TEMPLATE_PREFIX);
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** The id as a site template's: already in the site namespace, or moved into it. */
export function siteTemplateId(id: string): string {
  if (isSiteTemplateId(id)) return id;
  const tail = slug(id) || 'form';
  return `${SITE_TEMPLATE_PREFIX}${tail}`.slice(0, ID_MAX).replace(/-+$/, '');
}

/** A new template's id from the name the person gave it ("Sunrise intake" → `site.sunrise-intake`). */
export function templateIdFromName(name: string): string {
  return siteTemplateId(slug(name) || 'form');
}

/**
 * A template still being designed: what "Propose from the page" returns before any zone is
 * drawn. A template is saved, exported or tried only once it has a zone.
 */
export const TemplateDraftSchema = FormTemplateSchema.extend({
  zones: z.array(ZoneSchema).max(MAX_TEMPLATE_ZONES),
});
export type TemplateDraft = z.infer<typeof TemplateDraftSchema>;

/** What a template file says it is, so another site's Folio can tell it from any other JSON. */
export const TEMPLATE_FILE_FORMAT = 'folio-form-template';
export const TEMPLATE_FILE_VERSION = 1;

/** The JSON text a site exports and another imports: the template inside a small envelope. */
export function templateFileText(template: FormTemplate): string {
  return `${JSON.stringify({ format: TEMPLATE_FILE_FORMAT, version: TEMPLATE_FILE_VERSION, template }, null, 2)}\n`;
}

export type TemplateFileReading = { ok: true; template: FormTemplate } | { ok: false; message: string };

/** Field paths of the first few problems, never the values (a template may carry words read off a page). */
function problemPaths(error: z.ZodError): string {
  const paths = error.issues.slice(0, 5).map((issue) => (issue.path.length ? issue.path.join('.') : 'the template'));
  return [...new Set(paths)].join(', ');
}

/**
 * Reads a template file, or says in one sentence why it is not one. A bare template object (as
 * the API takes it) is accepted as well as the exported envelope.
 */
export function parseTemplateFile(text: string): TemplateFileReading {
  if (text.length > MAX_TEMPLATE_JSON_CHARS) {
    return { ok: false, message: `This template file is larger than Folio accepts (${MAX_TEMPLATE_JSON_CHARS.toLocaleString('en-US')} characters).` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, message: 'This is not a Folio form template: the text is not JSON.' };
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    return { ok: false, message: 'This is not a Folio form template: a template file is a JSON object.' };
  }
  const record = json as Record<string, unknown>;
  let body: unknown = json;
  if ('format' in record || 'template' in record) {
    if (record.format !== TEMPLATE_FILE_FORMAT) {
      return { ok: false, message: `This JSON is not a Folio form template: a template file says "format": "${TEMPLATE_FILE_FORMAT}".` };
    }
    if (typeof record.version !== 'number' || record.version > TEMPLATE_FILE_VERSION) {
      return { ok: false, message: 'This form template was written by a newer version of Folio. Update Folio to import it.' };
    }
    body = record.template;
  } else if (!('zones' in record && 'printed' in record)) {
    return { ok: false, message: 'This JSON is not a Folio form template: it has no zones and no printed text.' };
  }
  const parsed = FormTemplateSchema.safeParse(body);
  if (!parsed.success) return { ok: false, message: `This Folio form template does not follow the template rules: check ${problemPaths(parsed.error)}.` };
  return { ok: true, template: parsed.data };
}
