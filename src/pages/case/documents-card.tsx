import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { api, endpoints } from '../../api/endpoints';
import type { CaseDocuments } from '../../api/types';
import { ErrorNotice } from '../../components/error-notice';
import { Button } from '../../components/nutui';
import { messages } from '../../messages';
import { openProtectedFile } from '../../platform/open-file';
import { ROLE } from '../../utils/a11y';
import { formatChinaDateTime } from '../../utils/dates';

const m = messages.documents;

/** The written notices and opinions the units issued to the petitioner (文书), each printable as PDF. */
export function DocumentsCard({ caseId, version }: { caseId: string; version: number }) {
  const [items, setItems] = useState<CaseDocuments['items']>([]);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api
      .caseDocuments(caseId)
      .then((r) => setItems(r.items))
      .catch(() => setItems([]));
  }, [caseId, version]);
  if (items.length === 0) return null;
  return (
    <View className="card" data-testid="documents">
      <Text className="card__title">{m.title}</Text>
      {error ? <ErrorNotice error={error} /> : null}
      <View {...ROLE.list}>
        {items.map((d) => (
          <View key={d.id} className="info-row" {...ROLE.listitem}>
            <Text className="info-row__value">{d.kindLabel}</Text>
            <Text className="small-print">{`${d.issuingUnit.name} · ${formatChinaDateTime(d.issuedAt)}`}</Text>
            <Button
              type="default"
              size="large"
              onClick={() =>
                void openProtectedFile(
                  endpoints.caseDocumentPdf.path
                    .replace(':id', encodeURIComponent(caseId))
                    .replace(':docId', encodeURIComponent(d.id)),
                ).catch(setError)
              }
            >
              {m.open}
            </Button>
          </View>
        ))}
      </View>
    </View>
  );
}
