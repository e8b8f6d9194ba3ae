import { Schema, type Connection } from 'mongoose';
import type { RuleProfile } from '../../domain';

/**
 * A stored rule profile version (DOMAIN.md §8). `_id` is `<id>@<version>`: one document per version, so the
 * primary key itself makes "a version is written once" a database rule. There is no update path — a change
 * is a new version, so a case that started under a version always finds it as it was.
 */
export interface ProfileDoc {
  _id: string;
  profileId: string;
  version: number;
  profile: RuleProfile;
  createdBy: string;
  createdAt: Date;
}

const ProfileSchema = new Schema<ProfileDoc>(
  {
    _id: { type: String, required: true },
    profileId: { type: String, required: true },
    version: { type: Number, required: true },
    profile: { type: Schema.Types.Mixed, required: true },
    createdBy: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { collection: 'profiles', versionKey: false, minimize: false, timestamps: false },
);
ProfileSchema.index({ profileId: 1, version: -1 });

export const profileModel = (conn: Connection) => conn.model<ProfileDoc>('Profile', ProfileSchema);

/** One year of the State Council's holiday notice as an admin loaded it (replaces the package's year). */
export interface CalendarYearDoc {
  year: number;
  holidays: string[];
  workdays: string[];
  names: Record<string, string>;
  /** Where the data came from, e.g. 国办发明电〔2026〕X号. */
  source: string;
  loadedBy: string;
  loadedAt: Date;
}

const CalendarYearSchema = new Schema<CalendarYearDoc>(
  {
    year: { type: Number, required: true, unique: true },
    holidays: { type: [String], default: [] },
    workdays: { type: [String], default: [] },
    names: { type: Schema.Types.Mixed, default: {} },
    source: { type: String, required: true },
    loadedBy: { type: String, required: true },
    loadedAt: { type: Date, required: true },
  },
  { collection: 'calendar_years', versionKey: false, minimize: false, timestamps: false },
);

export const calendarYearModel = (conn: Connection) =>
  conn.model<CalendarYearDoc>('CalendarYear', CalendarYearSchema);
