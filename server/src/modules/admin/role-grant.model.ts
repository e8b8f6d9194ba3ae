import { Schema, type Connection, type Types } from 'mongoose';
import type { Role } from '../../domain';

/**
 * A role change held for a second administrator (DOMAIN.md §13: granting `auditor` takes a second
 * administrator's approval; domain/duties.ts). `pendingFor` is the account's id while the grant is pending
 * and absent afterwards: its unique sparse index lets an account have at most one pending grant.
 */
export interface RoleGrantDoc {
  _id: Types.ObjectId;
  userId: string;
  rolesFrom: Role[];
  rolesTo: Role[];
  requestedBy: string;
  requestedAt: Date;
  status: 'pending' | 'approved' | 'rejected';
  pendingFor?: string;
  decidedBy: string | null;
  decidedAt: Date | null;
  reason: string | null;
}

const RoleGrantSchema = new Schema<RoleGrantDoc>(
  {
    userId: { type: String, required: true },
    rolesFrom: { type: [String], default: [] },
    rolesTo: { type: [String], required: true },
    requestedBy: { type: String, required: true },
    requestedAt: { type: Date, required: true },
    status: { type: String, enum: ['pending', 'approved', 'rejected'], required: true },
    pendingFor: { type: String, unique: true, sparse: true },
    decidedBy: { type: String, default: null },
    decidedAt: { type: Date, default: null },
    reason: { type: String, default: null },
  },
  { collection: 'role_grants', versionKey: false, timestamps: false },
);
RoleGrantSchema.index({ status: 1, requestedAt: -1 });

export const roleGrantModel = (conn: Connection) => conn.model<RoleGrantDoc>('RoleGrant', RoleGrantSchema);
