import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { can } from "@/server/auth";
import { getCurrentUser } from "@/server/api";
import { getServerDictionary } from "@/lib/i18n/server";
import { Forbidden } from "@/components/ui/forbidden";
import { PageHeader } from "@/components/layout/page-header";
import { CompareScreen } from "@/components/segments/compare-screen";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getServerDictionary();
  return { title: t.segments.compareTitle };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const pick = (value: string | string[] | undefined) => (typeof value === "string" && UUID.test(value) ? value : null);

export default async function CompareSegmentsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  if (!can(user.role, "segments.read")) return <Forbidden role={user.role} />;
  const { t } = await getServerDictionary();
  const params = await searchParams;
  return (
    <div className="page">
      <PageHeader title={t.segments.compareTitle} subtitle={t.segments.compareSubtitle} />
      <CompareScreen initialA={pick(params.a)} initialB={pick(params.b)} />
    </div>
  );
}
