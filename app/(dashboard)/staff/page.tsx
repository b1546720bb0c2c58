import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { can } from "@/server/auth";
import { getCurrentUser } from "@/server/api";
import { getServerDictionary } from "@/lib/i18n/server";
import { Forbidden } from "@/components/ui/forbidden";
import { PageHeader } from "@/components/layout/page-header";
import { StaffScreen } from "@/components/staff/staff-screen";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getServerDictionary();
  return { title: t.staff.title };
}

export default async function StaffPage() {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  if (!can(user.role, "staff.read")) return <Forbidden role={user.role} />;
  const { t } = await getServerDictionary();
  return (
    <div className="page">
      <PageHeader title={t.staff.title} subtitle={t.staff.subtitle} />
      <StaffScreen currentUserId={user.id} canManage={can(user.role, "staff.manage")} />
    </div>
  );
}
