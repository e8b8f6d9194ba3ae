import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { api, endpoints } from '../../api/endpoints';
import { fillPath } from '../../api/endpoint';
import { useQuery } from '../../api/query';
import { ErrorNotice } from '../../components/error-notice';
import { Button } from '../../components/nutui';
import { messages } from '../../messages';
import { openProtectedFile } from '../../platform/open-file';
import { ROLE } from '../../utils/a11y';
import { formatChinaDateTime } from '../../utils/dates';

const m = messages.documents;

/** The written notices and opinions the units issued to the petitioner (文书), each printable as PDF. */
export function DocumentsCard({ caseId, version }: { caseId: string; version: number }) {
  // A new version may have issued a document: the version is part of the key.
  const { data } = useQuery(['caseDocuments', caseId, version], () => api.caseDocuments(caseId));
  const [error, setError] = useState<unknown>(null);
  const items = data?.items ?? [];
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
                  fillPath(endpoints.caseDocumentPdf.path, { id: caseId, docId: d.id }),
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
