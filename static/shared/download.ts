/**
 * Saves text as a file through a temporary link: the only way a sandboxed Custom UI frame can offer a download.
 *
 * @example
 * downloadText('# Playbook', 'SKU-1-playbook.md', 'text/markdown');
 */
export function downloadText(text: string, fileName: string, mimeType: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
