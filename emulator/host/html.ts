/** HTML building for the site's pages: every interpolated value goes through `escapeHtml` or `attr`. */

/** A fragment of trusted markup, built only by `html` (so user text can never become markup). */
export class Markup {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

/**
 * Escapes text for HTML element content and quoted attribute values.
 * @example escapeHtml('<b>"x"</b>') // '&lt;b&gt;&quot;x&quot;&lt;/b&gt;'
 */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

type Interpolated = Markup | string | number | boolean | undefined | null | readonly Interpolated[];

function render(value: Interpolated): string {
  if (value === undefined || value === null || value === false) return '';
  if (value instanceof Markup) return value.text;
  if (Array.isArray(value)) return (value as readonly Interpolated[]).map(render).join('');
  return escapeHtml(String(value));
}

/**
 * Tagged template: literal parts are markup, interpolations are escaped unless they are Markup.
 * @example html`<p>${userText}</p>`
 */
export function html(strings: TemplateStringsArray, ...values: Interpolated[]): Markup {
  return new Markup(strings.reduce((out, part, i) => out + part + (i < values.length ? render(values[i]) : ''), ''));
}

export type Theme = 'light' | 'dark';

/** The attributes @atlaskit/tokens' theme CSS selects on. */
export function themeAttributes(theme: Theme): Markup {
  return html`data-color-mode="${theme}" data-theme="light:light dark:dark spacing:spacing typography:typography shape:shape"`;
}

/**
 * The CSP of the site's pages: only same-origin scripts, styles and forms, as Forge's own Custom UI CSP; frames from
 * the site itself and from the Custom UI CDN the page's frames come from.
 * @example pageCsp('http://localhost:8081') // "default-src 'self'; ... frame-src 'self' http://localhost:8081; ..."
 */
export function pageCsp(frameOrigin: string | undefined): string {
  const frames = frameOrigin === undefined ? "'self'" : `'self' ${frameOrigin}`;
  return `default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self' data:; frame-src ${frames}; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'`;
}
