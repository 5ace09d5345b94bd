// Reads a points scheme (YAML or JSON) from disk and compiles it. Outside domain/ because it does IO.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { compileScheme, type CompiledScheme } from './domain';
import { srcPath } from '../../src-path';

/** The folder of the shipped schemes (tiantai-personal.yaml …). */
export const SCHEMES_DIR = srcPath('modules/talent/schemes');

/** The parsed document (not validated). YAML anchors, aliases and `<<:` merge keys are resolved; dates stay strings. */
export function readSchemeDocument(file: string): unknown {
  const text = fs.readFileSync(file, 'utf8');
  return file.endsWith('.json') ? JSON.parse(text) : parse(text, { prettyErrors: true, merge: true });
}

/** Read and compile; throws SchemeValidationError listing every problem with its path. */
export function loadSchemeFile(file: string): CompiledScheme {
  return compileScheme(readSchemeDocument(file));
}

/** A shipped scheme by name, e.g. loadShippedScheme('tiantai-personal'). */
export function loadShippedScheme(name: string): CompiledScheme {
  return loadSchemeFile(path.join(SCHEMES_DIR, `${name}.yaml`));
}
