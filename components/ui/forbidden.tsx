import Link from "next/link";
import type { Role } from "@/server/auth";
import { getServerDictionary } from "@/lib/i18n/server";

/** What a page renders instead of its data when the signed-in role lacks its permission. */
export async function Forbidden({ role }: { role: Role }) {
  const { t } = await getServerDictionary();
  return (
    <section className="card state" data-testid="forbidden" aria-labelledby="forbidden-title">
      <div className="state-code" aria-hidden="true">
        403
      </div>
      <h1 id="forbidden-title">{t.forbidden.title}</h1>
      <p>{t.forbidden.body(t.roles[role])}</p>
      <Link href="/" className="btn btn-secondary">
        {t.forbidden.back}
      </Link>
    </section>
  );
}
