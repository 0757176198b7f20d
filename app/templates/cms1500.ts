import { CMS1500_PRINTED } from './cms1500-printed';
import { CMS1500_ZONES } from './cms1500-zones';
import { PRINT_GRID } from './print-grid';
import { FormTemplateSchema, type FormTemplate } from './template';

/**
 * The standard CMS-1500 (02/12) professional claim, built in: every box the NUCC 1500
 * instruction manual defines, on the form's own print grid. Parsed through the schema like a
 * template a site imports, so the built-in one obeys the same rules.
 */
export const CMS1500_TEMPLATE: FormTemplate = FormTemplateSchema.parse({
  id: 'cms1500-0212',
  name: 'CMS-1500 (02/12) health insurance claim form',
  kind: 'cms1500',
  size: { width: PRINT_GRID.pageWidth, height: PRINT_GRID.pageHeight },
  printed: CMS1500_PRINTED,
  zones: CMS1500_ZONES,
});

/** The templates every installation has; a site's own come from the vault beside them. */
export const BUILT_IN_TEMPLATES: readonly FormTemplate[] = [CMS1500_TEMPLATE];
