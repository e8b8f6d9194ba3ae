import { Text, View } from '@tarojs/components';
import { FilePetitionButton } from '../../components/file-petition-button';
import { PageShell } from '../../components/page-shell';
import { ServiceStatus } from '../../components/service-status';
import { messages } from '../../messages';
import './index.scss';

const m = messages.home;

export default function HomePage() {
  return (
    <PageShell className="home">
      <View className="home__hero">
        <Text className="home__title">{m.title}</Text>
        <Text className="home__subtitle">{m.subtitle}</Text>
        <View className="home__action">
          <FilePetitionButton />
        </View>
      </View>

      <View className="card">
        <Text className="card__title">{m.categoriesTitle}</Text>
        {m.categories.map((c) => (
          <View key={c.key} className="home__item">
            <Text className="home__item-name">{c.name}</Text>
            <Text className="home__item-text">{c.text}</Text>
          </View>
        ))}
      </View>

      <View className="card">
        <Text className="card__title">{m.limitsTitle}</Text>
        {m.limits.map((l) => (
          <View key={l.key} className="home__item">
            <View className="home__limit-head">
              <Text className="home__item-name">{l.name}</Text>
              <Text className="home__days">{l.days}</Text>
            </View>
            <Text className="home__item-text">{l.text}</Text>
            <Text className="small-print">{l.basis}</Text>
          </View>
        ))}
        <Text className="small-print home__days-note">{m.daysNote}</Text>
      </View>

      <ServiceStatus />
    </PageShell>
  );
}
