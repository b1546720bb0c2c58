import { Suspense } from "react";
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { can } from "@/server/auth";
import { getCurrentUser } from "@/server/api";
import { getServerDictionary } from "@/lib/i18n/server";
import { Forbidden } from "@/components/ui/forbidden";
import { PageHeader } from "@/components/layout/page-header";
import { CoursesScreen } from "@/components/overview/courses-screen";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getServerDictionary();
  return { title: t.overview.courses.title };
}

export default async function CourseInsightsPage() {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  if (!can(user.role, "kpi.read")) return <Forbidden role={user.role} />;
  const { t } = await getServerDictionary();
  return (
    <div className="page">
      <PageHeader title={t.overview.courses.title} subtitle={t.overview.courses.subtitle} />
      <Suspense>
        <CoursesScreen />
      </Suspense>
    </div>
  );
}
