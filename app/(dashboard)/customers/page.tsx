import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { can } from "@/server/auth";
import { getCurrentUser } from "@/server/api";
import { getServerDictionary } from "@/lib/i18n/server";
import { Forbidden } from "@/components/ui/forbidden";
import { PageHeader } from "@/components/layout/page-header";
import { CustomersScreen } from "@/components/customers/customers-screen";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getServerDictionary();
  return { title: t.customers.title };
}

export default async function CustomersPage() {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  if (!can(user.role, "customers.read")) return <Forbidden role={user.role} />;
  const { t } = await getServerDictionary();
  return (
    <div className="page">
      <PageHeader title={t.customers.title} subtitle={t.customers.subtitle} />
      <CustomersScreen canRefresh={can(user.role, "data.import")} />
    </div>
  );
}
