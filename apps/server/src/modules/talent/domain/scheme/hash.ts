// A stable content hash of a scheme: sha256 over canonical JSON (object keys sorted, no
// whitespace), so the same rules give the same hash however the YAML was laid out.
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../../core/json/canonical-json';

/** 'sha256:' + hex digest of the canonical JSON. */
export function contentHash(value: unknown): string {
  return `sha256:${createHash('sha256').update(canonicalJson(value)).digest('hex')}`;
}
