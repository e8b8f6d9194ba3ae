import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { UNIT_KINDS } from '../../domain/units';

// Unit kinds come from the domain (DOMAIN.md §1; 人民政府 is where 复查/复核 climb, 第三十五、三十六条).
export { UNIT_KINDS } from '../../domain/units';

const UnitSchema = new Schema(
  {
    /** Stable business key, e.g. "990102-zjj" (region code + short name). */
    code: { type: String, required: true, unique: true },
    name: { type: String, required: true },
    kind: { type: String, required: true, enum: UNIT_KINDS },
    /** 上一级机关、单位 (null for the root). */
    parentCode: { type: String, default: null },
    /** Codes of all ancestors, root first: subtree queries without recursion ({ ancestors: code }). */
    ancestors: { type: [String], default: [] },
    /** 6-digit administrative region code; leaders see their region, case numbers carry it. */
    regionCode: { type: String, required: true },
    /** Rule profile the unit is bound to (DOMAIN.md §8). */
    profileId: { type: String, default: 'xinfang-2022' },
    active: { type: Boolean, default: true },
  },
  { timestamps: true, collection: 'units' },
);
UnitSchema.index({ parentCode: 1 });
UnitSchema.index({ ancestors: 1 });

export type Unit = InferSchemaType<typeof UnitSchema>;
export const unitModel = (conn: Connection) => conn.model('Unit', UnitSchema);
