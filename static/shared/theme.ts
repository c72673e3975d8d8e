import { view } from '@forge/bridge';
import 'virtual:atlaskit-tokens.css';
import './base.css';

/**
 * Turns on Jira's theme. Light tokens apply until the host answers (and wherever theming is unavailable);
 * the host then sets html[data-color-mode] to the user's light or dark mode.
 */
export async function setUpTheme(): Promise<void> {
  const html = document.documentElement;
  if (!html.hasAttribute('data-color-mode')) html.setAttribute('data-color-mode', 'light');
  if (!html.hasAttribute('data-theme')) {
    html.setAttribute('data-theme', 'light:light dark:dark spacing:spacing typography:typography shape:shape');
  }
  try {
    await view.theme.enable();
  } catch {
    // Outside a theming host the light defaults above stay in place.
  }
}
