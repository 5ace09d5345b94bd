import type { FormInstance } from 'antd';
import { isApiError } from '../api/client';

/**
 * Puts the API's `fields` messages under the matching inputs. Field paths may be dotted
 * ("contacts.0.phone"); unknown fields are returned so the caller can show them elsewhere.
 * Returns true when at least one field was marked.
 */
export function applyFieldErrors(form: FormInstance, error: unknown, known?: readonly string[]): boolean {
  if (!isApiError(error)) return false;
  const entries = Object.entries(error.fields);
  if (!entries.length) return false;
  const marked = entries.filter(([path]) => !known || known.includes(path.split('.')[0] ?? path));
  form.setFields(
    marked.map(([path, msg]) => ({
      name: path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
      errors: [msg],
    })),
  );
  if (marked[0]) form.scrollToField(marked[0][0].split('.')[0] ?? marked[0][0], { block: 'center' });
  return marked.length > 0;
}
