import { useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useQuery } from '../../api/query';
import { ErrorNotice } from '../../components/error-notice';
import { staffMessages } from '../../messages/staff';
import { ROLE } from '../../utils/a11y';
import { formatChinaDateTime } from '../../utils/dates';
import { uuid } from '../../utils/uuid';
import { staffApi, type DocumentView, type IssuableKind, type Rendered } from '../api';
import { openProtectedFile } from '../../platform/open-file';
import { Button, Dialog } from './nutui';

const m = staffMessages.documents;

/** The documents each step calls for; the server issues them itself when the step is taken. */
const KINDS: IssuableKind[] = [
  'acceptanceNotice',
  'notAcceptNotice',
  'transferNotice',
  'extensionNotice',
  'opinion',
  'reviewOpinion',
  'recheckOpinion',
];

function Paper({ doc }: { doc: Pick<Rendered, 'title' | 'paragraphs' | 'signature'> & { number?: string } }) {
  return (
    <View className="doc-preview" data-testid="document-paper">
      <Text className="doc-preview__title">{doc.title}</Text>
      {doc.number ? <Text className="small-print">{m.number(doc.number)}</Text> : null}
      {doc.paragraphs.map((p, i) => (
        <Text key={i} className="doc-preview__para">
          {p}
        </Text>
      ))}
      <Text className="doc-preview__para doc-preview__sign">{`${doc.signature.unit}\n${doc.signature.date}`}</Text>
    </View>
  );
}

/**
 * 文书 of one case: the issued ones (numbered, immutable, delivered to the petitioner) to read and print as
 * PDF, and — for staff of the unit at the step — a preview of any kind the step calls for, issued by hand
 * only if the automatic issue has not happened (the server makes both converge on one document).
 */
export function DocumentsSection({ caseId, version }: { caseId: string; version: number }) {
  // A new version may have issued a document: the version is part of the key.
  const docs = useQuery(['documents', caseId, version], () => staffApi.documents(caseId));
  const list = docs.data?.items ?? null;
  const [writeError, setError] = useState<unknown>(null);
  const error = writeError ?? docs.error;
  const [open, setOpen] = useState<DocumentView | null>(null);
  const [preview, setPreview] = useState<{ kind: IssuableKind; doc: Rendered } | null>(null);
  const [confirm, setConfirm] = useState(false);
  const [busy, setBusy] = useState(false);
  const issueKey = useRef(uuid());

  const load = () => void docs.reload();

  const show = async (docId: string) => {
    setError(null);
    try {
      setOpen(await staffApi.document(caseId, docId));
      setPreview(null);
    } catch (err) {
      setError(err);
    }
  };
  const tryPreview = async (kind: IssuableKind) => {
    setError(null);
    try {
      setPreview({ kind, doc: await staffApi.documentPreview(caseId, kind) });
      setOpen(null);
      issueKey.current = uuid();
    } catch (err) {
      setError(err);
    }
  };
  const issue = async () => {
    if (!preview) return;
    setBusy(true);
    setConfirm(false);
    try {
      const doc = await staffApi.issueDocument(caseId, preview.kind, issueKey.current);
      setPreview(null);
      setOpen(doc);
      load();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const pdf = (docId: string) =>
    void openProtectedFile(staffApi.documentPdfPath(caseId, docId)).catch(setError);

  const issuedKinds = new Set((list ?? []).map((d) => d.kind));

  return (
    <View className="section" data-testid="documents">
      <Text className="section__title">{m.title}</Text>
      {error ? <ErrorNotice error={error} /> : null}
      {list && list.length === 0 ? <Text className="section__note">{m.empty}</Text> : null}
      <View {...ROLE.list}>
        {(list ?? []).map((d) => (
          <View key={d.id} className="doc-item" {...ROLE.listitem} data-testid="document-item">
            <View>
              <Text className="timeline-item__summary">{`${d.kindLabel} · ${m.issued}`}</Text>
              <Text className="note-item__meta">{`${m.number(d.number)} · ${m.issuedAt(formatChinaDateTime(d.issuedAt))}`}</Text>
            </View>
            <View className="action-buttons">
              <Button type="default" onClick={() => void show(d.id)}>
                {m.view}
              </Button>
              <Button type="default" onClick={() => pdf(d.id)}>
                {m.pdf}
              </Button>
            </View>
          </View>
        ))}
      </View>
      <Text className="section__note">{m.previewIntro}</Text>
      <View className="action-buttons">
        {KINDS.filter((k) => !issuedKinds.has(k)).map((k) => (
          <Button key={k} type="default" className={`doc-preview-${k}`} onClick={() => void tryPreview(k)}>
            {`${m.preview}：${m.kinds[k] ?? k}`}
          </Button>
        ))}
      </View>
      {open ? (
        <View>
          <Paper doc={open} />
          <View className="action-form__buttons">
            <Button type="primary" onClick={() => pdf(open.id)}>
              {m.pdf}
            </Button>
            <Button type="default" onClick={() => setOpen(null)}>
              {m.close}
            </Button>
          </View>
        </View>
      ) : null}
      {preview ? (
        <View data-testid="document-preview">
          <Text className="staff-intro">{`${m.preview}（${m.draft}）`}</Text>
          <Paper doc={preview.doc} />
          <View className="action-form__buttons">
            <Button type="primary" loading={busy} onClick={() => setConfirm(true)}>
              {m.issue}
            </Button>
            <Button type="default" onClick={() => setPreview(null)}>
              {m.close}
            </Button>
          </View>
        </View>
      ) : null}
      <Dialog
        visible={confirm}
        title={m.issue}
        content={m.issueConfirm}
        confirmText={m.issue}
        cancelText={staffMessages.actions.cancel}
        onConfirm={() => void issue()}
        onCancel={() => setConfirm(false)}
        onClose={() => setConfirm(false)}
      />
    </View>
  );
}
