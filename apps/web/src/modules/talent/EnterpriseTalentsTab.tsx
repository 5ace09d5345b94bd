import { Flex } from 'antd';
import { useCan } from '../../auth/session';
import { DownloadButton } from '../../ui/DownloadButton';
import { useTableQuery } from '../../ui/useTableQuery';
import { TalentTable } from './TalentTable';

/** The 人才 tab of the enterprise file: the talents this enterprise employs now. */
export function EnterpriseTalentsTab({ enterpriseId }: { enterpriseId: string }) {
  const can = useCan();
  const tq = useTableQuery({ prefix: 't', filterKeys: [], defaultSort: { sort: 'name', order: 'asc' } });
  return (
    <Flex vertical gap={8} data-testid="enterprise-talents">
      {can('talent.export') ? (
        <Flex justify="flex-end">
          <DownloadButton path="/api/talent/talents/export.xlsx" query={{ enterprise: enterpriseId }} fileName="人才名册.xlsx" size="small" testId="enterprise-talents-export" />
        </Flex>
      ) : null}
      <TalentTable tableQuery={tq} extraQuery={{ enterprise: enterpriseId }} hideEnterprise />
    </Flex>
  );
}
