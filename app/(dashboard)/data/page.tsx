import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { can } from "@/server/auth";
import { getCurrentUser } from "@/server/api";
import { getServerDictionary } from "@/lib/i18n/server";
import { Forbidden } from "@/components/ui/forbidden";
import { PageHeader } from "@/components/layout/page-header";
import { ImportsScreen } from "@/components/imports/imports-screen";
import { OutlierReport } from "@/components/imports/outlier-report";
import { DatasetImport } from "@/components/imports/dataset-import";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getServerDictionary();
  return { title: t.imports.title };
}

export default async function DataImportPage() {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  if (!can(user.role, "data.import")) return <Forbidden role={user.role} />;
  const { t } = await getServerDictionary();
  return (
    <div className="page">
      <PageHeader title={t.imports.title} subtitle={t.imports.subtitle} />
      <ImportsScreen />
      <DatasetImport />
      <OutlierReport />
    </div>
  );
}
