import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { can } from "@/server/auth";
import { getCurrentUser } from "@/server/api";
import { getServerDictionary } from "@/lib/i18n/server";
import { Forbidden } from "@/components/ui/forbidden";
import { CompareScreen } from "@/components/models/compare-screen";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getServerDictionary();
  return { title: t.models.compare.title };
}

export default async function CompareRunsPage({ searchParams }: { searchParams: Promise<{ a?: string; b?: string }> }) {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  if (!can(user.role, "models.read")) return <Forbidden role={user.role} />;
  const { a, b } = await searchParams;
  if (!a || !b || !UUID.test(a) || !UUID.test(b)) notFound();
  return (
    <div className="page">
      <CompareScreen a={a} b={b} />
    </div>
  );
}
