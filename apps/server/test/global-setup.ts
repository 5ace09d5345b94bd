import type { TestProject } from 'vitest/node';
import { buildTemplate, removeTemplate } from './template-db';

declare module 'vitest' {
  export interface ProvidedContext {
    dbTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  const template = await buildTemplate();
  project.provide('dbTemplate', template);
  return async () => removeTemplate(template);
}
