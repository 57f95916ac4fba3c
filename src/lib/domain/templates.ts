/**
 * Words of generation templates shared by the database rows, the API and the pages.
 */

/** Where a template is kept: one episode's, or one person's account (usable in any episode they edit). */
export const TEMPLATE_SCOPES = ['episode', 'account'] as const;
export type TemplateScope = (typeof TEMPLATE_SCOPES)[number];

/** The value of one provider option: text, a number or a yes/no. */
export type ProviderOptionValue = string | number | boolean;
export type ProviderOptionValues = Record<string, ProviderOptionValue>;
