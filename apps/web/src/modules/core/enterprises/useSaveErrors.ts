import type { FormInstance } from 'antd';
import { isApiError } from '../../../api/client';
import { applyFieldErrors } from '../../../ui/formErrors';
import { ENTERPRISE_INPUT_FIELDS } from './enterpriseForm';

/** Routes a failed save to the right place: a taken credit code or `fields` under the inputs. */
export function showSaveError(form: FormInstance, error: unknown): void {
  if (isApiError(error) && error.code === 'CREDIT_CODE_TAKEN' && !error.fields.creditCode) {
    form.setFields([{ name: 'creditCode', errors: [error.message] }]);
    form.scrollToField('creditCode', { block: 'center' });
    return;
  }
  applyFieldErrors(form, error, ENTERPRISE_INPUT_FIELDS as readonly string[]);
}
