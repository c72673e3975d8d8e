import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';

/** The parts of manifest.yml the local runtime needs; everything else is left to @forge/manifest. */
const ModuleSchema = z.looseObject({
  key: z.string().min(1),
  resource: z.string().optional(),
  resolver: z.object({ function: z.string().min(1) }).optional(),
  function: z.string().optional(),
  title: z.string().optional(),
  name: z.string().optional(),
  create: z.object({ resource: z.string() }).optional(),
  edit: z.object({ resource: z.string() }).optional(),
  view: z.object({ resource: z.string() }).optional(),
  events: z.array(z.string().min(1)).optional(),
});

const FunctionSchema = z.object({ key: z.string().min(1), handler: z.string().regex(/^[\w-]+\.\w+$/, 'is <file>.<export>') });

const ManifestSchema = z.object({
  modules: z.record(z.string(), z.array(z.looseObject({ key: z.string().min(1) }))),
  resources: z.array(z.object({ key: z.string().min(1), path: z.string().min(1) })).default([]),
  app: z.object({ id: z.string().min(1) }),
  permissions: z.looseObject({ content: z.object({ styles: z.array(z.string()).default([]), scripts: z.array(z.string()).default([]) }).optional() }).optional(),
});

export interface ManifestModule {
  readonly type: string;
  readonly key: string;
  readonly title: string;
  /** The Custom UI resource shown for this module (for validators: the create/edit/view resources). */
  readonly resource?: string | undefined;
  readonly configResources?: { readonly create?: string | undefined; readonly edit?: string | undefined; readonly view?: string | undefined } | undefined;
  /** The function key the module's resolver (Custom UI invoke) runs. */
  readonly resolverFunction?: string | undefined;
  /** The function key a function module (e.g. a workflow validator, a trigger) runs. */
  readonly function?: string | undefined;
  /** The product events a `trigger` module subscribes to, e.g. `avi:jira:created:issue`. */
  readonly events?: readonly string[] | undefined;
}

export interface AppManifest {
  readonly appId: string;
  readonly modules: ReadonlyMap<string, ManifestModule>;
  /** Function key -> `{ file, exportName }` of its handler, e.g. `index.panelResolver`. */
  readonly functions: ReadonlyMap<string, { readonly file: string; readonly exportName: string }>;
  /** Resource key -> directory (relative to the project root). */
  readonly resources: ReadonlyMap<string, string>;
  /** `permissions.content`: what the Custom UI CSP allows beyond same-origin (e.g. 'unsafe-inline' styles). */
  readonly contentPermissions: { readonly styles: readonly string[]; readonly scripts: readonly string[] };
  /** The manifest's whole `permissions` (scopes, content, external), as @forge/csp reads it to build the Custom UI CSP. */
  readonly permissions: Readonly<Record<string, unknown>>;
}

/**
 * Reads manifest.yml and indexes its modules, functions and resources by key.
 * @example loadManifest('manifest.yml').modules.get('go-live-gate-panel')?.resolverFunction // 'panel-resolver'
 */
export function loadManifest(file: string): AppManifest {
  const parsed = ManifestSchema.safeParse(parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file} is not a usable Forge manifest: ${z.prettifyError(parsed.error)}`);
  const { modules: moduleGroups, resources, app, permissions } = parsed.data;
  const modules = new Map<string, ManifestModule>();
  for (const [type, list] of Object.entries(moduleGroups)) {
    if (type === 'function') continue;
    for (const m of z.array(ModuleSchema).parse(list)) {
      modules.set(m.key, {
        type,
        key: m.key,
        title: m.title ?? m.name ?? m.key,
        resource: m.resource,
        configResources: m.create || m.edit || m.view ? { create: m.create?.resource, edit: m.edit?.resource, view: m.view?.resource } : undefined,
        resolverFunction: m.resolver?.function,
        function: m.function,
        events: m.events,
      });
    }
  }
  const functions = new Map<string, { file: string; exportName: string }>();
  for (const f of z.array(FunctionSchema).parse(moduleGroups['function'] ?? [])) {
    const [fileName = '', exportName = ''] = f.handler.split('.');
    functions.set(f.key, { file: fileName, exportName });
  }
  return {
    appId: app.id,
    modules,
    functions,
    resources: new Map(resources.map((r) => [r.key, r.path])),
    contentPermissions: { styles: permissions?.content?.styles ?? [], scripts: permissions?.content?.scripts ?? [] },
    permissions: permissions ?? {},
  };
}
