import type { StageChoices } from '../contract';
import { strictestStage } from '../gate/v2/config';
import { NotFoundError } from '../errors';
import type { ValidatorConfigPorts } from '../ports';

/** Where the validator is being configured: Forge names a project only for a team-managed workflow. */
export interface WorkflowScope {
  readonly scopedProjectId?: string | undefined;
}

/**
 * The stages the validator configuration screen offers. A company-managed workflow can be shared by several projects
 * and Forge does not say which, so this lists every project where the gate is configured that the caller can see in
 * Jira (a project they cannot see is left out, as Jira hides it), with the stage keys all of them have; a team-managed
 * workflow lists its own project only.
 *
 * @example
 * await loadStageChoices(ports, {}) // { projects: [{ key: 'SKU', stages: [...], strictestStage: { key: 'go-live', ... } }], commonStages: ['promote-to-prod', 'go-live'] }
 */
export async function loadStageChoices(ports: ValidatorConfigPorts, scope: WorkflowScope): Promise<StageChoices> {
  const configured = (await ports.configs.listAll()).filter(({ projectId }) => scope.scopedProjectId === undefined || projectId === scope.scopedProjectId);
  const visible = await Promise.all(
    configured.map(async ({ projectId, stored }) => {
      try {
        return { project: await ports.projects.projectOf(projectId), config: stored.config };
      } catch (error) {
        if (error instanceof NotFoundError) return undefined;
        throw error;
      }
    }),
  );
  const projects = visible
    .flatMap((found) => (found === undefined ? [] : [found]))
    .sort((a, b) => a.project.key.localeCompare(b.project.key))
    .map(({ project, config }) => {
      const strictest = strictestStage(config);
      const aliases = Object.entries(config.stageAliases ?? {}).flatMap(([from, to]) => {
        const stage = config.stages.find((s) => s.key === to);
        return stage === undefined ? [] : [{ from, to: { key: stage.key, name: stage.name } }];
      });
      return {
        ...project,
        stages: config.stages.map(({ key, name }) => ({ key, name })),
        strictestStage: { key: strictest.key, name: strictest.name },
        ...(aliases.length === 0 ? {} : { stageAliases: aliases }),
      };
    });
  const [first, ...others] = projects;
  const commonStages = (first?.stages ?? []).map((stage) => stage.key).filter((key) => others.every((project) => project.stages.some((stage) => stage.key === key)));
  return { projects, commonStages, ...(scope.scopedProjectId !== undefined && { scopedProjectId: scope.scopedProjectId }) };
}
