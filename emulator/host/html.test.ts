import { escapeHtml, html } from './html';

describe('page markup', () => {
  it('escapes user text in content and attributes', () => {
    expect(escapeHtml(`<img src=x onerror="alert('x')">&`)).toBe('&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;&amp;');
  });

  it('escapes interpolations but keeps nested markup', () => {
    const summary = '<script>alert(1)</script>';
    const items = ['a<b', 'c'].map((text) => html`<li>${text}</li>`);
    expect(html`<h1 title="${summary}">${summary}</h1><ul>${items}</ul>`.text).toBe(
      '<h1 title="&lt;script&gt;alert(1)&lt;/script&gt;">&lt;script&gt;alert(1)&lt;/script&gt;</h1><ul><li>a&lt;b</li><li>c</li></ul>',
    );
  });

  it('leaves out undefined, null and false', () => {
    expect(html`<p>${undefined}${null}${false}${0}</p>`.text).toBe('<p>0</p>');
  });
});
