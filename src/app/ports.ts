import type { AuditLog, Clock, ConfigStore, Directory, IssueStore, RecordStore } from '../ports';
import type { NotifyPorts } from './notify-teams';

/** Everything the panel's use cases reach the outside world through. */
export interface PanelPorts {
  readonly issues: IssueStore;
  readonly configs: ConfigStore;
  readonly records: RecordStore;
  readonly audit: AuditLog;
  readonly directory: Directory;
  readonly clock: Clock;
  /** E-mails teams when the gate starts waiting on them; without it nobody is notified. */
  readonly notify?: NotifyPorts | undefined;
}

export type SettingsPorts = Pick<PanelPorts, 'configs' | 'directory' | 'audit' | 'clock'>;

/** The validator reads: one issue, the configuration, the record heads, and the approvers' groups to re-check them. */
export type ValidatorPorts = Pick<PanelPorts, 'issues' | 'configs' | 'records' | 'directory' | 'clock'>;

/** An issue event (a trigger) runs as the app: it reads one issue, the configuration and the record heads, writes the summary and notifies. */
export type IssueEventPorts = Pick<PanelPorts, 'issues' | 'configs' | 'records' | 'clock' | 'notify'>;

/** The signed-in user a resolver runs for (from the invocation context, never from the payload). */
export interface Caller {
  readonly accountId: string;
}

/** The project a settings resolver runs in (from the invocation context). */
export interface ProjectRef {
  readonly id: string;
  readonly key: string;
}
