import type { Versioned } from '../shared/versioned.js';

export interface ProfileInput {
  readonly name: string;
  readonly headline: string;
  readonly bio: string;
  readonly location?: string;
  readonly email?: string;
  readonly avatarUrl?: string;
  readonly links: Readonly<Record<string, string>>;
  readonly availableForWork: boolean;
}

export interface Profile extends ProfileInput, Versioned {
  readonly updatedAt: string;
}
