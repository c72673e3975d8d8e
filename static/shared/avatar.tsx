/** Colours an avatar may take: Atlassian's bold accent backgrounds, each readable under inverse text. */
const ACCENTS = 6;

/**
 * Initials in a coloured circle, as Atlassian's Avatar shows a person without a picture. Built from the name alone:
 * Forge's CSP serves no image from Jira's avatar host unless the manifest declares it, and the name is already known.
 */
export function Avatar({ name }: { readonly name: string }) {
  const initials = name
    .split(/\s+/)
    .filter((word) => /\p{L}/u.test(word))
    .slice(0, 2)
    .map((word) => [...word][0]?.toUpperCase() ?? '')
    .join('');
  const accent = [...name].reduce((hash, letter) => (hash * 31 + (letter.codePointAt(0) ?? 0)) % 9973, 0) % ACCENTS;
  return (
    <span className={`avatar avatar-${accent}`} aria-hidden="true">
      {initials === '' ? '?' : initials}
    </span>
  );
}
