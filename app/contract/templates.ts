import { z } from 'zod';
import { method } from './define';
import { DocumentIdSchema } from '../model/document';
import { DocumentKind, FieldSchema, RegistrationModelSchema } from '../model/field';
import { MAX_TEMPLATE_JSON_CHARS, TemplateDraftSchema } from '../templates/site-templates';
import { FormTemplateSchema } from '../templates/template';

export { MAX_TEMPLATE_JSON_CHARS, MAX_TEMPLATE_ZONES } from '../templates/site-templates';

/**
 * Form templates: the built-in forms and those a site designs, imports and shares. A template is
 * at most MAX_TEMPLATE_JSON_CHARS of JSON and MAX_TEMPLATE_ZONES zones; the dispatcher answers
 * `too_large` beyond either.
 */
export const TEMPLATE_TOO_LARGE = 'template too large';

/** A template as the API takes it: the schema, plus the size cap on the whole. */
export const TemplateInputSchema = FormTemplateSchema.refine((template) => JSON.stringify(template).length <= MAX_TEMPLATE_JSON_CHARS, {
  message: TEMPLATE_TOO_LARGE,
});

export const TemplateIdSchema = z.string().min(1).max(64);

export const TemplateSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: DocumentKind,
  /** Built in to Folio: listed and exported, never changed or deleted. */
  builtIn: z.boolean(),
  zones: z.number().int().nonnegative(),
  printed: z.number().int().nonnegative(),
  createdAt: z.string().nullable(),
  updatedAt: z.string().nullable(),
  /** The name of the person who last saved it; null for a built-in one. */
  updatedBy: z.string().nullable(),
});
export type TemplateSummary = z.infer<typeof TemplateSummarySchema>;

export const TemplateTrialPageSchema = z.object({
  pageIndex: z.number().int().nonnegative(),
  registered: z.boolean(),
  anchorsFound: z.number().int().nonnegative(),
  anchorsTotal: z.number().int().nonnegative(),
  residual: z.number().nonnegative().nullable(),
  model: RegistrationModelSchema.nullable(),
  reason: z.string().nullable(),
});
export type TemplateTrialPage = z.infer<typeof TemplateTrialPageSchema>;

const PageIndexSchema = z.number().int().nonnegative().max(100_000);

export const templateMethods = {
  /** Every template pages are read with: the built-in ones first, then the site's. */
  'templates.list': method({
    input: z.object({}).strict(),
    output: z.object({ templates: z.array(TemplateSummarySchema) }),
  }),
  'templates.get': method({
    input: z.object({ id: TemplateIdSchema }).strict(),
    output: z.object({ template: FormTemplateSchema, summary: TemplateSummarySchema }),
  }),
  /**
   * Creates a site template, or updates the one with this id. An id outside the site namespace
   * is moved into it (a built-in one is never changed). Documents already read keep their
   * fields until their pages are read again.
   */
  'templates.save': method({
    input: z.object({ template: TemplateInputSchema }).strict(),
    output: TemplateSummarySchema,
  }),
  'templates.delete': method({
    input: z.object({ id: TemplateIdSchema }).strict(),
    output: z.object({ id: z.string() }),
  }),
  /** One template as JSON text, for another site's Folio to import. */
  'templates.export': method({
    input: z.object({ id: TemplateIdSchema }).strict(),
    output: z.object({ id: z.string(), fileName: z.string(), json: z.string() }),
  }),
  /**
   * A template file's text, checked against the template rules. An existing site template of
   * the same id is replaced only when asked to.
   */
  'templates.import': method({
    input: z.object({ json: z.string().min(1).max(MAX_TEMPLATE_JSON_CHARS), replace: z.boolean().optional() }).strict(),
    output: TemplateSummarySchema,
  }),
  /**
   * A draft from a sample page: the page's size as the reference space, its words grouped into
   * short runs as the form's printed text, and no zones yet.
   */
  'templates.propose': method({
    input: z
      .object({
        documentId: DocumentIdSchema,
        pageIndex: PageIndexSchema,
        name: z.string().trim().min(1).max(120).optional(),
        kind: DocumentKind.optional(),
      })
      .strict(),
    output: z.object({ template: TemplateDraftSchema }),
  }),
  /** What a template (saved or not) reads from a document's pages, page by page, without storing anything. */
  'templates.test': method({
    input: z.object({ documentId: DocumentIdSchema, template: TemplateInputSchema }).strict(),
    output: z.object({ pages: z.array(TemplateTrialPageSchema), fields: z.array(FieldSchema) }),
  }),
} as const;
