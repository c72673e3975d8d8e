/** What the gadget's edit view saves (Jira keeps it with the gadget and gives it back in every context of it). */
export interface GadgetSettings {
  readonly projects: readonly string[];
  readonly days: 7 | 30 | 90;
}

export const PERIODS = [7, 30, 90] as const;

/** The saved configuration, or the defaults for a gadget never configured (or configured by hand with something else). */
export function settingsOf(saved: unknown): GadgetSettings {
  const value = typeof saved === 'object' && saved !== null ? (saved as { projects?: unknown; days?: unknown }) : {};
  const projects = Array.isArray(value.projects) ? value.projects.filter((p): p is string => typeof p === 'string' && /^[A-Z][A-Z0-9_]*$/.test(p)) : [];
  const days = PERIODS.find((d) => d === value.days) ?? 30;
  return { projects, days };
}
