import { invalidParam } from '../../shared/domain/mlflow-error';
import { STAGES, type Stage } from '../../shared/domain/registry';

export function validateModelName(name: string | undefined): string {
  if (!name) throw invalidParam('Registered model name cannot be empty.');
  if (name.length > 256) throw invalidParam(`Registered model name '${name.slice(0, 40)}...' exceeds the maximum length of 256 characters.`);
  return name;
}

/** Version numbers are strings on the wire and must parse as positive integers. */
export function parseVersion(version: string): number {
  if (!/^\d+$/.test(version.trim()) || Number(version) < 1) throw invalidParam(`Model version must be an integer, got '${version.slice(0, 40)}'.`);
  return Number(version);
}

/** Stages are case-insensitive on input and canonical on output. */
export function canonicalStage(stage: string): Stage {
  const found = STAGES.find((s) => s.toLowerCase() === stage.trim().toLowerCase());
  if (!found) throw invalidParam(`Invalid Model Version stage: ${stage}. Value must be one of ${STAGES.join(', ')}.`);
  return found;
}

export function validateAlias(alias: string): string {
  if (!alias) throw invalidParam('Registered model alias name cannot be empty.');
  if (alias.length > 255) throw invalidParam('Registered model alias name exceeds the maximum length of 255 characters.');
  if (!/^[\w-]+$/.test(alias)) throw invalidParam(`Invalid alias name: '${alias}'. Alias names may only contain alphanumerics, underscores and dashes.`);
  if (alias.toLowerCase() === 'latest') throw invalidParam("'latest' alias name (case insensitive) is reserved.");
  if (/^v\d+$/i.test(alias)) throw invalidParam(`Version alias name '${alias}' is reserved.`);
  return alias;
}
