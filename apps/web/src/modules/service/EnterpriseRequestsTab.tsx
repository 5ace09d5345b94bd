import { useTableQuery } from '../../ui/useTableQuery';
import { RequestTable } from './RequestTable';

/** The 诉求 tab of the enterprise file: the requests that answer this enterprise (within the user's scope). */
export function EnterpriseRequestsTab({ enterpriseId }: { enterpriseId: string }) {
  const tq = useTableQuery({ prefix: 'r', filterKeys: [], defaultSort: { sort: 'submittedAt', order: 'desc' } });
  return (
    <div data-testid="enterprise-requests">
      <RequestTable tableQuery={tq} extraQuery={{ enterpriseId }} hideEnterprise />
    </div>
  );
}
