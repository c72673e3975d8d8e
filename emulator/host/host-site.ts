import type { IncomingMessage } from 'node:http';
import type { SentNotification } from '../site/notifications';

/** What the pages and the Custom UI host need from the site (emulator/site implements it). */
export interface HostUser {
  readonly accountId: string;
  readonly emailAddress: string;
  readonly displayName: string;
}

export interface HostValidator {
  readonly moduleKey: string;
  readonly configuration: string;
}

export interface HostTransition {
  readonly id: string;
  readonly name: string;
  readonly from: { readonly id: string; readonly name: string } | null;
  readonly to: { readonly id: string; readonly name: string };
  readonly validators: readonly HostValidator[];
}

export interface HostSite {
  authenticate(req: IncomingMessage): HostUser | 'app' | undefined;
  users(): readonly HostUser[];
  projects(): readonly { readonly id: string; readonly key: string; readonly name: string }[];
  /** Notifications the site kept instead of e-mailing them, newest first. */
  notifications(): readonly SentNotification[];
  readonly workflow: {
    listTransitions(projectKey: string): readonly HostTransition[];
    setValidators(transitionId: string, validators: readonly HostValidator[]): void;
  };
}
