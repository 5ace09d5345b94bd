import { useState } from 'react';
import { App, Button, Card, Empty, Flex, Image, List, Modal, Popconfirm, Select, Tag, Typography, Upload } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { UploadIcon } from '../../../ui/icons';
import { formatDateTime } from '../../../ui/format';
import { useFactLabel } from './FactValue';
import { claimKeys, evidenceUrl, formatSize, type ClaimDetail, type Evidence } from './api';

const ACCEPT: Record<string, string> = { pdf: '.pdf,application/pdf', png: '.png,image/png', jpeg: '.jpg,.jpeg,image/jpeg' };

/**
 * The evidence of a claim: a preview of each image and PDF, downloads, and — for the enterprise
 * while the claim is open — uploads per fact (the server checks the type by content and the size).
 */
export function EvidenceCard({ claim }: { claim: ClaimDetail }) {
  const { t } = useTranslation('talent');
  const label = useFactLabel();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [fact, setFact] = useState<string | undefined>(claim.changes.length === 1 ? claim.changes[0]!.fact : undefined);
  const [pdf, setPdf] = useState<Evidence | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: ['talent'] });
  const upload = useMutation({
    mutationFn: (file: File) => api.upload<Evidence>(`/api/talent/claims/${claim.id}/evidence${fact ? `?fact=${encodeURIComponent(fact)}` : ''}`, file),
    onSuccess: (f) => {
      void message.success(t('claim.uploaded', { name: f.name }));
      void refresh();
    },
    onError: (e) => void message.error((e as Error).message, 6),
  });
  const remove = useMutation({
    mutationFn: (id: string) => api.del(`/api/talent/claims/${claim.id}/evidence/${id}`),
    onSuccess: () => void refresh(),
    onError: (e) => void message.error((e as Error).message),
  });
  const kinds = claim.uploadLimits.kinds.map((k) => k.toUpperCase()).join('、');
  return (
    <Card
      size="small"
      title={t('claim.evidence')}
      data-testid="claim-evidence"
      extra={<Typography.Text type="secondary">{t('claim.limits', { kinds, max: formatSize(claim.uploadLimits.maxBytes) })}</Typography.Text>}
    >
      {claim.canRespond ? (
        <Flex gap={8} wrap style={{ marginBottom: 12 }}>
          <Select
            allowClear
            value={fact}
            onChange={setFact}
            placeholder={t('claim.forWholeClaim')}
            options={claim.changes.map((c) => ({ value: c.fact, label: label(c.fact) }))}
            style={{ width: 200 }}
            data-testid="evidence-fact"
          />
          <Upload
            accept={claim.uploadLimits.kinds.map((k) => ACCEPT[k] ?? '').join(',')}
            showUploadList={false}
            customRequest={({ file, onSuccess, onError }) => {
              upload.mutateAsync(file as File).then((r) => onSuccess?.(r), (e: Error) => onError?.(e));
            }}
          >
            <Button icon={<UploadIcon />} loading={upload.isPending} data-testid="evidence-upload">{t('claim.upload')}</Button>
          </Upload>
        </Flex>
      ) : null}
      {claim.evidence.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('claim.noEvidence')} />
      ) : (
        <List
          dataSource={claim.evidence}
          renderItem={(f) => (
            <List.Item
              data-testid="evidence-item"
              actions={[
                f.mediaType === 'application/pdf' ? <Button key="v" size="small" onClick={() => setPdf(f)}>{t('claim.preview')}</Button> : null,
                <a key="d" href={evidenceUrl(claim.id, f.id)} download={f.name}>{t('claim.download')}</a>,
                claim.canRespond ? (
                  <Popconfirm key="r" title={t('claim.removeConfirm', { name: f.name })} onConfirm={() => remove.mutate(f.id)}>
                    <Button size="small" danger type="link">{t('claim.remove')}</Button>
                  </Popconfirm>
                ) : null,
              ].filter(Boolean)}
            >
              <List.Item.Meta
                avatar={f.mediaType.startsWith('image/') ? <Image width={64} height={64} style={{ objectFit: 'cover' }} src={evidenceUrl(claim.id, f.id, true)} alt={f.name} /> : <Tag color="red">PDF</Tag>}
                title={<span>{f.name} {f.fact ? <Tag>{label(f.fact)}</Tag> : <Tag>{t('claim.forWholeClaim')}</Tag>}</span>}
                description={`${formatSize(f.sizeBytes)} · ${f.uploadedByName ?? ''} · ${formatDateTime(f.createdAt)}`}
              />
            </List.Item>
          )}
        />
      )}
      {pdf ? (
        <Modal open width={900} title={pdf.name} footer={null} onCancel={() => setPdf(null)}>
          <iframe title={pdf.name} src={evidenceUrl(claim.id, pdf.id, true)} style={{ width: '100%', height: '70vh', border: 0 }} data-testid="evidence-pdf" />
        </Modal>
      ) : null}
    </Card>
  );
}
