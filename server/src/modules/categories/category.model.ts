import { Schema, type Connection, type InferSchemaType } from 'mongoose';

/**
 * Subject areas (事项分类) a petition is about — distinct from the statutory categories
 * 建议意见/检举控告/申诉求决 (第二十九至三十一条). Two levels: area → item.
 */
const CategorySchema = new Schema(
  {
    code: { type: String, required: true, unique: true },
    name: { type: String, required: true },
    parentCode: { type: String, default: null },
    /** The kind of unit that usually handles it, a routing hint for clerks. */
    hint: { type: String, default: '' },
    order: { type: Number, default: 0 },
    active: { type: Boolean, default: true },
  },
  { timestamps: true, collection: 'categories' },
);

export type Category = InferSchemaType<typeof CategorySchema>;
export const categoryModel = (conn: Connection) => conn.model('Category', CategorySchema);
