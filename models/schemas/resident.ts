import { Schema, type Types } from 'mongoose';

export const RESIDENT_MODEL = 'Resident';

export interface ResidentDoc {
  _id: Types.ObjectId;
  areaId: Types.ObjectId;
  names: string[];
  address: string;
  unit: string;
  block?: string;
  stairwell?: string;
  /** UTC midnight of the calendar day (models/calendar-date.ts). */
  moveInDate: Date;
  languageHints: string[];
  source: { list: string; row: number };
  doNotVisit: boolean;
  naturalKey: string;
  flatKey: string;
  anonymisedAt?: Date;
  erasedAt?: Date;
  createdAt: Date;
  updatedAt: Date;
}

export const residentSchema = new Schema<ResidentDoc>(
  {
    areaId: { type: Schema.Types.ObjectId, required: true },
    names: { type: [String], required: true },
    address: { type: String, required: true },
    unit: { type: String, default: '' },
    block: String,
    stairwell: String,
    moveInDate: { type: Date, required: true },
    languageHints: { type: [String], default: [] },
    source: {
      type: new Schema(
        { list: { type: String, required: true }, row: { type: Number, required: true } },
        { _id: false },
      ),
      required: true,
    },
    doNotVisit: { type: Boolean, default: false },
    // Importing the same list twice must not create the same household twice (resident-keys.ts).
    naturalKey: { type: String, required: true, unique: true },
    flatKey: { type: String, required: true, index: true },
    // Deletion deadline or erasure request: the personal fields above are blank from then on.
    anonymisedAt: Date,
    erasedAt: Date,
  },
  { timestamps: true },
);

residentSchema.index({ areaId: 1, moveInDate: 1 }, { name: 'by_area_move_in' });
