import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { ROLES } from '../../domain/case-model';

// Roles come from the domain (one list); re-exported for the modules that store them.
export { ROLES, type Role } from '../../domain/case-model';

const UserSchema = new Schema(
  {
    /** Staff log in by username; residents have none (WeChat openid or phone). */
    username: { type: String, unique: true, sparse: true },
    displayName: { type: String, required: true },
    roles: { type: [String], enum: ROLES, required: true },
    /** Staff belong to a unit (code); residents do not. */
    unitCode: { type: String, default: null },
    /** Phone: AES-256-GCM ciphertext + keyed hash for lookup (lib/pii.ts). */
    phoneEnc: { type: String },
    phoneIndex: { type: String, unique: true, sparse: true },
    /** 身份证号: encrypted + keyed hash (not unique: the same person may be registered before a phone is known). */
    idNumberEnc: { type: String },
    idNumberIndex: { type: String },
    /** WeChat openid (not personal data by itself, but never shown to other users). */
    openid: { type: String, unique: true, sparse: true },
    passwordHash: { type: String },
    /** TOTP secret, encrypted like the phone. */
    totpEnc: { type: String },
    /** Last accepted TOTP time step: a code is accepted once (replay protection). */
    totpLastStep: { type: Number, default: null },
    passwordChangedAt: { type: Date, default: null },
    /** WeChat unionid when the mini-program is bound to an open-platform account. */
    unionid: { type: String },
    status: { type: String, enum: ['active', 'disabled'], default: 'active' },
    /** Demo accounts can be picked on the demo login screen (DEMO mode only). */
    demo: { type: Boolean, default: false },
  },
  { timestamps: true, collection: 'users' },
);
UserSchema.index({ unitCode: 1, roles: 1 });

export type User = InferSchemaType<typeof UserSchema>;
export const userModel = (conn: Connection) => conn.model('User', UserSchema);
