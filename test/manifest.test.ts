import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { validate } from '@forge/manifest';
import { parse } from 'yaml';
import { digestOf } from '../src/gate/digest';
import type { NumbersRecord } from '../src/gate/records';
import { NUMBERS_PROPERTY, overrideProperty } from '../src/gate/records';
import { summaryOf } from './support/summary-of';
import { templateConfig } from './support/v1-templates';
import * as entryPoints from '../src/index';
import { IssueFixture } from './support/issue-fixture';

const root = resolve(__dirname, '..');
const manifestPath = resolve(root, 'manifest.yml');

interface Manifest {
  modules: {
    function: { key: string; handler: string }[];
    'jira:entityProperty': { propertyKey: string; values: { path: string; type: string }[] }[];
  };
  resources: { key: string; path: string }[];
  permissions: { scopes: string[] };
  app: { runtime: { name: string } };
}
const manifest = parse(readFileSync(manifestPath, 'utf8')) as Manifest;

describe('manifest.yml', () => {
  it('validates with @forge/manifest (run `npm run build` first: it checks the resource builds exist)', async () => {
    const missing = manifest.resources.filter((r) => !existsSync(resolve(root, r.path, 'index.html'))).map((r) => r.path);
    if (missing.length > 0) throw new Error(`Missing Custom UI builds: ${missing.join(', ')}. Run \`npm run build\` before this test.`);
    // @forge/manifest resolves resource paths against the working directory.
    const cwd = process.cwd();
    process.chdir(root);
    try {
      const result = await validate(false, manifestPath);
      expect(result.errors ?? []).toEqual([]);
      expect(result.success).toBe(true);
    } finally {
      process.chdir(cwd);
    }
  });

  it('runs on nodejs22.x with only the scopes the app uses', () => {
    expect(manifest.app.runtime.name).toBe('nodejs22.x');
    expect([...manifest.permissions.scopes].sort()).toEqual(
      [
        'read:avatar:jira',
        'read:group:jira',
        'read:jira-work',
        'read:user:jira',
        'send:notification:jira',
        'storage:app',
        'write:issue.property:jira',
        // The settings' preview of a replaced configuration: the app's validators in the project's workflows (issue 14).
        'read:workflow:jira',
        'read:workflow-scheme:jira',
        'read:application-role:jira',
        'read:issue-type:jira',
        'read:project-category:jira',
        'read:project:jira',
        // The reply to a comment command: Jira's granular scopes for adding a comment (issue 15).
        'write:comment:jira',
        'read:comment:jira',
        'read:comment.property:jira',
        'read:project-role:jira',
        // Attach a generated playbook to its ticket (issue 18).
        'write:attachment:jira',
        'read:attachment:jira',
      ].sort(),
    );
  });

  it.each(manifest.modules.function.map((f) => [f.key, f.handler]))('function %s names a handler src/index.ts exports (%s)', (_key, handler) => {
    const [file, name] = handler.split('.');
    expect(file).toBe('index');
    expect(typeof (entryPoints as Record<string, unknown>)[name ?? '']).toBe('function');
  });

  it('indexes only paths the summary property has, with matching types', () => {
    // An approval lifetime and an approval, so the summary has its next change too; a freeze before the ticket's
    // release, so it has its next deadline.
    const template = templateConfig('managed-addon')!;
    const freeze = { daysBeforeRelease: 7, exceptionGroups: [] };
    const config = { ...template, stages: template.stages.map((stage) => ({ ...stage, approvalLifetimeDays: 30, freeze })) };
    const now = new Date('2026-03-01T10:00:00.000Z');
    const approval = new IssueFixture(config).targetRelease([{ id: '10001', name: '2.0', releaseDate: '2026-04-08' }]).approve('cee', now.toISOString()).snapshot();
    const numbers: NumbersRecord = { kind: 'numbers', issueId: '10001', values: { capacity: 500, velocity: 20 }, by: 'acc-pm', at: now.toISOString() };
    const override = {
      kind: 'override' as const, issueId: '10001', stage: 'go-live', by: 'acc-admin', via: 'golive-overriders', at: now.toISOString(), justification: 'Customer launch agreed by the VP',
    };
    const summary = summaryOf(
      config,
      {
        issue: approval.issue,
        properties: { [NUMBERS_PROPERTY]: numbers, [overrideProperty('go-live')]: override, ...approval.properties },
        digests: { [NUMBERS_PROPERTY]: digestOf(numbers), [overrideProperty('go-live')]: digestOf(override), ...approval.digests },
      },
      now,
    ) as unknown as Record<string, unknown>;
    const [summaryModule] = manifest.modules['jira:entityProperty'];
    expect(summaryModule?.propertyKey).toBe('golive-gate.summary');
    for (const { path, type } of summaryModule?.values ?? []) {
      const value = path.split('.').reduce<unknown>((at, part) => (at as Record<string, unknown> | undefined)?.[part], summary);
      const values = Array.isArray(value) ? (value as unknown[]) : [value];
      for (const item of values) {
        if (type === 'number') expect({ path, item: typeof item }).toEqual({ path, item: 'number' });
        else if (type === 'date') expect({ path, parsed: Number.isNaN(Date.parse(String(item))) }).toEqual({ path, parsed: false });
        else expect({ path, item: typeof item }).toEqual({ path, item: 'string' });
      }
      expect({ path, present: value !== undefined }).toEqual({ path, present: true });
    }
  });
});
