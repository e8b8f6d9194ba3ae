import { Text, View } from '@tarojs/components';
import { FilePetitionButton } from '../../components/file-petition-button';
import { PageShell } from '../../components/page-shell';
import { messages } from '../../messages';
import './index.scss';

export default function PetitionsPage() {
  return (
    <PageShell className="petitions">
      <View className="card petitions__empty">
        <View className="petitions__empty-icon" />
        <Text className="petitions__empty-title">{messages.petitions.emptyTitle}</Text>
        <Text className="petitions__empty-text">{messages.petitions.emptyText}</Text>
        <View className="petitions__action">
          <FilePetitionButton />
        </View>
      </View>
    </PageShell>
  );
}
