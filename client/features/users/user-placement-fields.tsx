import { t } from '../../i18n';
import { CompanySelect } from '../companies/company-select';
import { FormField } from './form-field';
import type { createUserFormChecks } from './user-form-checks';
import type { FormState } from './user-form-state';

type Checks = ReturnType<typeof createUserFormChecks>;

/** Where the account belongs and what it manages: its company and its related company. */
export function UserPlacementFields(props: {
  form: FormState;
  set: <K extends keyof FormState>(key: K, value: FormState[K]) => void;
  checks: Checks;
}) {
  // An empty pick reads "fill this in", not the id pattern's "not a company id".
  const err = (field: 'companyId' | 'relatedCompanyId') =>
    props.checks.v.error(field) && !props.form[field]
      ? t('validation.required')
      : props.checks.v.error(field);
  return (
    <>
      <FormField id="user-company" label={t('users.company')} error={err('companyId')} wrap>
        <CompanySelect
          // Named by the label alone; a wrapping <label> would read the hint into the name.
          labelledBy="user-company-label"
          describedBy={err('companyId') ? 'user-company-error' : undefined}
          name="companyId"
          value={props.form.companyId}
          onChange={(id) => {
            props.set('companyId', id);
            props.checks.v.touch('companyId');
          }}
        />
      </FormField>
      <FormField
        id="user-related"
        label={t('users.relatedCompany')}
        error={err('relatedCompanyId')}
        hint={t('users.relatedCompanyHint')}
        wrap
      >
        <CompanySelect
          labelledBy="user-related-label"
          describedBy={err('relatedCompanyId') ? 'user-related-error' : 'user-related-hint'}
          name="relatedCompanyId"
          value={props.form.relatedCompanyId}
          onChange={(id) => {
            props.set('relatedCompanyId', id);
            props.checks.v.touch('relatedCompanyId');
          }}
        />
      </FormField>
    </>
  );
}
