import type { IngestKind } from "../types";

export type FieldType = "text" | "number" | "int" | "boolean" | "json";

export interface FieldSpec {
  name: string;
  type: FieldType;
  required: boolean;
  /** Normalised header names (lowercase letters and digits only) that mean this field. */
  synonyms: readonly string[];
}

const f = (name: string, type: FieldType, required: boolean, synonyms: readonly string[] = []): FieldSpec => ({ name, type, required, synonyms });

/** The importable fields of each kind, in the order the mapping screen lists them (names as in server/ingest/schemas.ts). */
export const FIELDS: Record<IngestKind, readonly FieldSpec[]> = {
  customers: [
    f("customer_id", "text", true, ["customerid", "id", "userid", "externalid", "clientid", "memberid", "uid"]),
    f("display_name", "text", false, ["name", "displayname", "fullname", "customername", "username", "nickname"]),
    f("email", "text", false, ["email", "emailaddress", "mail"]),
    f("phone", "text", false, ["phone", "mobile", "phonenumber", "tel", "telephone"]),
    f("signup_at", "text", false, ["signupat", "signup", "signedup", "registeredat", "createdat", "joinedat", "registrationdate"]),
    f("acquisition_channel", "text", false, ["acquisitionchannel", "channel", "source", "utmsource"]),
    f("region", "text", false, ["region", "province", "country", "state", "area"]),
    f("city_tier", "int", false, ["citytier", "tier"]),
    f("age_band", "text", false, ["ageband", "agegroup", "agerange"]),
    f("device", "text", false, ["device", "platform", "os"]),
    f("marketing_consent", "boolean", false, ["marketingconsent", "consent", "optin", "subscribed"]),
    f("attributes", "json", false, ["attributes", "attrs"]),
  ],
  products: [
    f("product_id", "text", true, ["productid", "id", "sku", "externalid", "itemid", "courseid"]),
    f("kind", "text", true, ["kind", "type", "producttype"]),
    f("title_zh", "text", true, ["titlezh", "namezh", "chinesetitle", "title中文"]),
    f("title_en", "text", true, ["titleen", "nameen", "englishtitle", "title", "name"]),
    f("category", "text", true, ["category", "topic", "subject"]),
    f("price", "number", true, ["price", "listprice", "unitprice", "amount"]),
    f("is_free", "boolean", false, ["isfree", "free"]),
    f("attributes", "json", false, ["attributes", "attrs"]),
  ],
  events: [
    f("event_id", "text", true, ["eventid", "id", "externalid", "externaleventid"]),
    f("customer_id", "text", true, ["customerid", "userid", "clientid", "memberid", "uid"]),
    f("type", "text", true, ["type", "eventtype", "event", "action"]),
    f("product_id", "text", false, ["productid", "sku", "itemid", "courseid"]),
    f("occurred_at", "text", true, ["occurredat", "timestamp", "time", "eventtime", "date", "datetime", "createdat", "ts"]),
    f("amount", "number", false, ["amount", "price", "value", "revenue", "total"]),
    f("duration_seconds", "int", false, ["durationseconds", "duration", "seconds"]),
    f("progress", "number", false, ["progress"]),
    f("rating", "int", false, ["rating", "stars", "score"]),
    f("review_text", "text", false, ["reviewtext", "review", "comment"]),
    f("extra", "json", false, ["extra", "properties", "props", "metadata"]),
  ],
};

export const INGEST_KINDS = ["customers", "products", "events"] as const satisfies readonly IngestKind[];

export function normaliseHeader(name: string): string {
  return name.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");
}
