import { getServerDictionary } from "@/lib/i18n/server";

export async function EmptyWorkspace() {
  const { t } = await getServerDictionary();
  return (
    <section className="card state" data-testid="empty-workspace" aria-labelledby="empty-title">
      <h2 id="empty-title">{t.home.empty.title}</h2>
      <p>{t.home.empty.body}</p>
      <code className="command">{t.home.empty.command}</code>
      <p>{t.home.empty.after}</p>
    </section>
  );
}
