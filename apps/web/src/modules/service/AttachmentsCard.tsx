import { useState } from 'react';
import { App, Button, Card, Empty, Image, List, Modal, Popconfirm, Tag, Typography, Upload } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../auth/session';
import { UploadIcon } from '../../ui/icons';
import { formatDateTime } from '../../ui/format';
import {
  ATTACHMENT_ACCEPT, attachmentUrl, canAttach, formatFileSize, removeAttachment, serviceKeys, uploadAttachment,
  type Attachment, type RequestDetail,
} from './api';

/** A file as a small link: a thumbnail for a photo, a PDF tag; opens the preview. */
export function AttachmentChip({ file, onPreview }: { file: Attachment; onPreview: (f: Attachment) => void }) {
  return (
    <Typography.Link onClick={() => onPreview(file)} data-testid="attachment-chip" style={{ marginRight: 8 }}>
      {file.mediaType === 'application/pdf' ? <Tag color="red">PDF</Tag> : <Tag color="blue">{file.mediaType === 'image/png' ? 'PNG' : 'JPG'}</Tag>}
      {file.name}
    </Typography.Link>
  );
}

/** The preview of a file: the image itself, or the PDF in a frame; with the (audited) download. */
export function AttachmentPreview({ requestId, file, onClose }: { requestId: string; file: Attachment | null; onClose: () => void }) {
  const { t } = useTranslation('service');
  if (!file) return null;
  return (
    <Modal open width={900} title={file.name} onCancel={onClose} footer={<a href={attachmentUrl(requestId, file.id)} download={file.name}>{t('attachments.download')}</a>}>
      {file.mediaType === 'application/pdf' ? (
        <iframe title={file.name} src={attachmentUrl(requestId, file.id, true)} style={{ width: '100%', height: '70vh', border: 0 }} data-testid="attachment-pdf" />
      ) : (
        <img src={attachmentUrl(requestId, file.id, true)} alt={file.name} style={{ maxWidth: '100%' }} data-testid="attachment-image" />
      )}
    </Modal>
  );
}

/**
 * 附件: every file of the request the reader may see — photos as thumbnails, PDFs to preview —,
 * which step carries each, who added it; an upload for the request's enterprise, the office and
 * the units (the server checks type by content and size), and removal of one's own file not yet on
 * a step.
 */
export function AttachmentsCard({ request, stepName }: { request: RequestDetail; stepName: (eventId: number) => string | null }) {
  const { t } = useTranslation('service');
  const { message } = App.useApp();
  const me = useCurrentUser();
  const qc = useQueryClient();
  const [preview, setPreview] = useState<Attachment | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: serviceKeys.detail(request.id) });
  const upload = useMutation({
    mutationFn: (file: File) => uploadAttachment(request.id, file),
    onSuccess: (f) => {
      void message.success(t('attachments.uploaded', { name: f.name }));
      void refresh();
    },
    onError: (e) => void message.error((e as Error).message, 6),
  });
  const remove = useMutation({
    mutationFn: (fileId: string) => removeAttachment(request.id, fileId),
    onSuccess: () => void refresh(),
    onError: (e) => void message.error((e as Error).message),
  });
  const mayAdd = canAttach(me, request.status);
  return (
    <Card
      size="small"
      title={t('attachments.title')}
      style={{ marginBottom: 12 }}
      data-testid="detail-attachments"
      extra={mayAdd ? (
        <Upload
          accept={ATTACHMENT_ACCEPT}
          showUploadList={false}
          multiple
          customRequest={({ file, onSuccess, onError }) => {
            upload.mutateAsync(file as File).then((r) => onSuccess?.(r), (e: Error) => onError?.(e));
          }}
        >
          <Button size="small" icon={<UploadIcon />} loading={upload.isPending} data-testid="attachment-upload">{t('attachments.add')}</Button>
        </Upload>
      ) : null}
    >
      {request.attachments.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('attachments.none')} />
      ) : (
        <List
          size="small"
          dataSource={request.attachments}
          renderItem={(f) => (
            <List.Item
              data-testid="attachment-item"
              actions={[
                <Button key="v" size="small" type="link" onClick={() => setPreview(f)}>{t('attachments.preview')}</Button>,
                <a key="d" href={attachmentUrl(request.id, f.id)} download={f.name}>{t('attachments.download')}</a>,
                f.mine && f.eventId === null && mayAdd ? (
                  <Popconfirm key="r" title={t('attachments.removeConfirm', { name: f.name })} onConfirm={() => remove.mutate(f.id)}>
                    <Button size="small" danger type="link" data-testid="attachment-remove">{t('attachments.remove')}</Button>
                  </Popconfirm>
                ) : null,
              ].filter(Boolean)}
            >
              <List.Item.Meta
                avatar={f.mediaType.startsWith('image/')
                  ? <Image width={48} height={48} style={{ objectFit: 'cover' }} src={attachmentUrl(request.id, f.id, true)} alt={f.name} />
                  : <Tag color="red">PDF</Tag>}
                title={<span>{f.name} <Tag>{f.eventId !== null ? (stepName(f.eventId) ?? t('attachments.onStep')) : t('attachments.onRequest')}</Tag></span>}
                description={`${formatFileSize(f.sizeBytes)} · ${t(`attachments.by.${f.uploaderRole}`)}${f.uploaderName ? ` ${f.uploaderName}` : ''} · ${formatDateTime(f.createdAt)}`}
              />
            </List.Item>
          )}
        />
      )}
      <AttachmentPreview requestId={request.id} file={preview} onClose={() => setPreview(null)} />
    </Card>
  );
}

/**
 * Files for the step an action records (the unit's answer's photos, a return's letter): each is
 * uploaded to the request at once, and the action names them (attachmentIds).
 */
export function StepFilesInput({ requestId, value = [], onChange }: { requestId: string; value?: string[]; onChange?: (ids: string[]) => void }) {
  const { t } = useTranslation('service');
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [files, setFiles] = useState<Attachment[]>([]);
  const upload = useMutation({
    mutationFn: (file: File) => uploadAttachment(requestId, file),
    onSuccess: (f) => {
      setFiles((all) => [...all, f]);
      onChange?.([...value, f.id]);
      void qc.invalidateQueries({ queryKey: serviceKeys.detail(requestId) });
    },
    onError: (e) => void message.error((e as Error).message, 6),
  });
  return (
    <>
      <Upload
        accept={ATTACHMENT_ACCEPT}
        showUploadList={false}
        multiple
        customRequest={({ file, onSuccess, onError }) => {
          upload.mutateAsync(file as File).then((r) => onSuccess?.(r), (e: Error) => onError?.(e));
        }}
      >
        <Button size="small" icon={<UploadIcon />} loading={upload.isPending} data-testid="action-attachment-upload">{t('attachments.add')}</Button>
      </Upload>
      <div data-testid="action-attachments">
        {files.filter((f) => value.includes(f.id)).map((f) => (
          <Tag key={f.id} closable onClose={() => onChange?.(value.filter((id) => id !== f.id))} style={{ marginTop: 6 }}>{f.name}</Tag>
        ))}
      </div>
    </>
  );
}
